package org.jaynes.core.analysis;

/** Told how far an analysis has come; called from one thread at a time. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (bytesDone, bytesTotal, tensorsDone, tensorsTotal) -> { };

    void progress(long bytesDone, long bytesTotal, int tensorsDone, int tensorsTotal);
}
