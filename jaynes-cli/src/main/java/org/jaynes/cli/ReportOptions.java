package org.jaynes.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --json} and {@code --html} reports, as every command that draws a page offers them (a mixin). */
final class ReportOptions {

    @Option(names = "--json", paramLabel = "FILE", description = "write the report as JSON to FILE ('-' for stdout)")
    private String json;

    @Option(names = "--html", paramLabel = "FILE", description = "write the report as one self-contained HTML page "
            + "to FILE ('-' for stdout)")
    private String html;

    /**
     * Where the reports go, checked before any work.
     *
     * @param onStdout whether one of them goes to standard output (then the text summary does not)
     */
    record Targets(Optional<OutputTarget> json, Optional<OutputTarget> html, boolean onStdout) {
    }

    Optional<OutputTarget> json() throws UsageException {
        return OutputTarget.of("--json", json);
    }

    Optional<OutputTarget> html() throws UsageException {
        return OutputTarget.of("--html", html);
    }

    /** Both targets; refuses both on standard output. */
    Targets targets() throws UsageException {
        Optional<OutputTarget> jsonTarget = json();
        Optional<OutputTarget> htmlTarget = html();
        return new Targets(jsonTarget, htmlTarget, OutputTarget.claimsStdout(List.of(jsonTarget, htmlTarget)));
    }
}
