package org.jaynes.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --json} alone, for the commands whose only report is JSON (a mixin). */
final class JsonOption {

    @Option(names = "--json", paramLabel = "FILE", description = "write the report as JSON to FILE ('-' for stdout)")
    private String json;

    Optional<OutputTarget> target() throws UsageException {
        return OutputTarget.of("--json", json);
    }
}
