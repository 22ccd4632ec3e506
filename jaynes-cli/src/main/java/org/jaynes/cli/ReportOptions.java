package org.jaynes.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The {@code --json} and {@code --html} reports and {@code -q}, as every command that draws a page offers
 * them (a mixin).
 */
final class ReportOptions {

    @Option(names = "--json", paramLabel = "FILE", description = "write the report as JSON to FILE ('-' for stdout)")
    private String json;

    @Option(names = "--html", paramLabel = "FILE", description = "write the report as one self-contained HTML page "
            + "to FILE ('-' for stdout)")
    private String html;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    private boolean quiet;

    /** Whether to show progress: unless -q is given or stderr is not a terminal. */
    boolean progressShown() {
        return !quiet && System.console() != null;
    }

    /**
     * Where the reports go, checked before any work.
     *
     * @param onStdout whether one of them goes to standard output (then the text summary does not)
     */
    record Targets(Optional<OutputTarget> json, Optional<OutputTarget> html, boolean onStdout) {

        /** Writes the reports asked for, then the text report unless one of them went to standard output. */
        void write(PrintWriter out, OutputTarget.Content jsonReport, OutputTarget.Content page,
                   Consumer<PrintWriter> text) throws IOException {
            if (json.isPresent()) {
                json.get().write(out, jsonReport);
            }
            if (html.isPresent()) {
                html.get().write(out, page);
            }
            if (!onStdout) {
                text.accept(out);
            }
            out.flush();
        }
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
