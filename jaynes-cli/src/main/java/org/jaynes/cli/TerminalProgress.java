package org.jaynes.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.jaynes.core.analysis.ProgressListener;

/**
 * Progress on stderr for work that lasts more than a second: tensors and bytes done, rate and time
 * left, on one line rewritten in place. Used only when stderr is a terminal.
 */
final class TerminalProgress implements ProgressListener {

    private static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final long start = System.nanoTime();
    private boolean printed;

    TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void progress(long bytesDone, long bytesTotal, int tensorsDone, int tensorsTotal) {
        long elapsed = System.nanoTime() - start;
        if (elapsed < QUIET_NANOS) {
            return;
        }
        double seconds = elapsed / 1e9;
        double rate = bytesDone / seconds;
        double left = rate > 0 ? (bytesTotal - bytesDone) / rate : 0;
        err.printf(Locale.ROOT, "\r%d/%d tensors, %.1f of %.1f MB, %.0f MB/s, %.0f s left   ", tensorsDone,
                tensorsTotal, bytesDone / 1e6, bytesTotal / 1e6, rate / 1e6, left);
        printed = true;
    }

    /** Ends the progress line, if one was printed. */
    void finish() {
        if (printed) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
