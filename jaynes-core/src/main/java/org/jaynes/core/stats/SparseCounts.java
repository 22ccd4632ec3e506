package org.jaynes.core.stats;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;

/**
 * The serialized form of an accumulator's table of counts (65,536 coarse cells or bit patterns, most of
 * them zero in any one population): the table's length, the number of non-zero entries, then, in one block
 * of bytes, each non-zero entry's distance from the previous one and its count, as varints (7 bits a byte,
 * low bits first). Zeros are skipped by a vectorised comparison, and the block is written at once: on Spark
 * every task result passes through here, and a write per entry cost more than the counting.
 */
final class SparseCounts {

    /** The largest table: 2^16 entries. */
    private static final int MAX_LENGTH = 1 << 16;
    /** Bytes of one entry at most: a distance of up to 3 bytes and a count of up to 10. */
    private static final int MAX_ENTRY_BYTES = 13;
    private static final long[] ZEROS = new long[1024];
    private static final String ENDED = "the table's counts end inside a count";

    private SparseCounts() {
    }

    static void write(ObjectOutputStream out, long[] counts) throws IOException {
        byte[] block = new byte[64];
        int length = 0;
        int nonZero = 0;
        int previous = -1;
        for (int i = nextNonZero(counts, 0); i < counts.length; i = nextNonZero(counts, i + 1)) {
            if (length + MAX_ENTRY_BYTES > block.length) {
                block = Arrays.copyOf(block, 2 * block.length);
            }
            length = Varints.put(block, length, i - previous);
            length = Varints.put(block, length, counts[i]);
            previous = i;
            nonZero++;
        }
        out.writeInt(counts.length);
        out.writeInt(nonZero);
        out.writeInt(length);
        out.write(block, 0, length);
    }

    static long[] read(ObjectInputStream in) throws IOException {
        int length = in.readInt();
        int nonZero = in.readInt();
        int bytes = in.readInt();
        if (length < 0 || length > MAX_LENGTH || nonZero < 0 || nonZero > length || bytes < 0
                || bytes > nonZero * MAX_ENTRY_BYTES) {
            throw new InvalidObjectException("a table of " + nonZero + " counts in " + length + " cells and "
                    + bytes + " bytes");
        }
        byte[] block = new byte[bytes];
        in.readFully(block);
        long[] counts = new long[length];
        int[] at = {0};
        int index = -1;
        for (int i = 0; i < nonZero; i++) {
            long gap = Varints.read(block, bytes, at, 10, ENDED);
            if (gap < 1 || gap > length - 1 - index) {
                throw new InvalidObjectException("cell " + (index + gap) + " outside a table of " + length);
            }
            index += (int) gap;
            counts[index] = Varints.read(block, bytes, at, 10, ENDED);
        }
        if (at[0] != bytes) {
            throw new InvalidObjectException((bytes - at[0]) + " bytes left after the table's counts");
        }
        return counts;
    }

    /** The first index at or after {@code from} with a non-zero count, or {@code counts.length}. */
    private static int nextNonZero(long[] counts, int from) {
        for (int start = from; start < counts.length; start += ZEROS.length) {
            int end = Math.min(counts.length, start + ZEROS.length);
            int offset = Arrays.mismatch(counts, start, end, ZEROS, 0, end - start);
            if (offset >= 0) {
                return start + offset;
            }
        }
        return counts.length;
    }
}
