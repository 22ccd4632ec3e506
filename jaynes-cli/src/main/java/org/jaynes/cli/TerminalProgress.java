package org.jaynes.cli;

import java.io.PrintStream;
import org.jaynes.core.analysis.ProgressListener;

/**
 * Progress of an analysis on a {@link StatusLine}: tensors and bytes done, rate and time left. Used only
 * when stderr is a terminal.
 */
final class TerminalProgress implements ProgressListener {

    private final StatusLine line;

    TerminalProgress(PrintStream err) {
        this.line = new StatusLine(err);
    }

    @Override
    public void progress(long bytesDone, long bytesTotal, int tensorsDone, int tensorsTotal) {
        double seconds = line.elapsedNanos() / 1e9;
        double rate = bytesDone / seconds;
        double left = rate > 0 ? (bytesTotal - bytesDone) / rate : 0;
        line.show("%d/%d tensors, %.1f of %.1f MB, %.0f MB/s, %.0f s left", tensorsDone, tensorsTotal,
                bytesDone / 1e6, bytesTotal / 1e6, rate / 1e6, left);
    }

    /** Progress of a survey: models and bytes done, rate and time left (a {@code SurveyListener}). */
    void models(int modelsDone, int models, long bytesDone, long bytes) {
        double seconds = line.elapsedNanos() / 1e9;
        double rate = bytesDone / seconds;
        double left = rate > 0 ? (bytes - bytesDone) / rate : 0;
        line.show("%d/%d models, %.1f of %.1f MB, %.0f MB/s, %.0f s left", modelsDone, models, bytesDone / 1e6,
                bytes / 1e6, rate / 1e6, left);
    }

    /** Ends the progress line, if one was printed. */
    void finish() {
        line.clear();
    }
}
