package org.jaynes.core.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a tensor's bytes live: a region of a file (mapped window by window, so heap use does not grow
 * with the tensor) or a small buffer a reader decoded. Values are little-endian.
 */
public sealed interface ByteSource permits FileRegion, HeapBytes, DecodedBytes {

    /** The largest window handed out at once: 1 GiB, so files over 2 GiB are read in pieces. */
    int MAX_WINDOW = 1 << 30;

    /** Length in bytes. */
    long length();

    /**
     * The files these bytes are read from, each once: what a survey must watch to know that an analysis of
     * them still holds. Empty for bytes a reader holds in memory.
     */
    List<Path> files();

    /**
     * A read-only little-endian view of bytes {@code [offset, offset + length)} of this source.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the source or longer than {@link #MAX_WINDOW}
     */
    ByteBuffer window(long offset, int length) throws IOException;

    /**
     * The same bytes as {@link #window}, read for one use: a file region copies them into {@code scratch}
     * (when it has room) with one read call, which costs less than the page faults of a fresh mapping (on
     * a 2-core machine, 0.13 against 0.7 ns a byte from the page cache); other sources return their window.
     * The result is valid until {@code scratch} is used again.
     *
     * @param scratch a buffer the caller owns and reuses; its contents are overwritten
     */
    default ByteBuffer read(long offset, int length, ByteBuffer scratch) throws IOException {
        return window(offset, length);
    }

    /** Checks a requested window against the source; shared by the implementations. */
    static void checkWindow(long offset, int length, long sourceLength) {
        if (offset < 0 || length < 0 || length > MAX_WINDOW || offset > sourceLength - length) {
            throw new IndexOutOfBoundsException(
                    "window [" + offset + ", " + (offset + length) + ") outside source of " + sourceLength + " bytes");
        }
    }
}
