package org.jaynes.cli;

import picocli.CommandLine.Option;

/** {@code -q}: progress on stderr is shown unless it is given or stderr is not a terminal (a mixin). */
final class ProgressOption {

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    private boolean quiet;

    /** Whether to show progress. */
    boolean shown() {
        return !quiet && System.console() != null;
    }
}
