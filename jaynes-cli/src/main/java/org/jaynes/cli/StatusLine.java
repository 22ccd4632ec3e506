package org.jaynes.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line of progress on stderr, rewritten in place, shown only once the work has lasted a second: the
 * mechanism every command's progress shares. Commands create one only when stderr is a terminal.
 */
final class StatusLine {

    /** Work shorter than this shows no progress at all. */
    static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final long start = System.nanoTime();
    private boolean shown;

    StatusLine(PrintStream err) {
        this.err = err;
    }

    /** Nanoseconds since the work started. */
    long elapsedNanos() {
        return System.nanoTime() - start;
    }

    /** Whether the first second is still running, when nothing is shown. */
    boolean quiet() {
        return elapsedNanos() < QUIET_NANOS;
    }

    /** Replaces the line with {@code template} formatted with {@link Locale#ROOT}, unless still quiet. */
    void show(String template, Object... args) {
        if (quiet()) {
            return;
        }
        err.print("\r" + String.format(Locale.ROOT, template, args) + "   ");
        shown = true;
    }

    /** Erases the line, if one is shown; true when it was. */
    boolean clear() {
        boolean was = shown;
        if (shown) {
            err.print("\r\033[K");
            shown = false;
        }
        err.flush();
        return was;
    }

    /** Prints a whole line below (or instead of) the status line. */
    void println(String template, Object... args) {
        err.printf(Locale.ROOT, template + "%n", args);
        err.flush();
    }
}
