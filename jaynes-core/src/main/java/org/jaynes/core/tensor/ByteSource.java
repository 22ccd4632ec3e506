package org.jaynes.core.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;

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
     * A read-only little-endian view of bytes {@code [offset, offset + length)} of this source.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the source or longer than {@link #MAX_WINDOW}
     */
    ByteBuffer window(long offset, int length) throws IOException;

    /** Checks a requested window against the source; shared by the implementations. */
    static void checkWindow(long offset, int length, long sourceLength) {
        if (offset < 0 || length < 0 || length > MAX_WINDOW || offset > sourceLength - length) {
            throw new IndexOutOfBoundsException(
                    "window [" + offset + ", " + (offset + length) + ") outside source of " + sourceLength + " bytes");
        }
    }
}
