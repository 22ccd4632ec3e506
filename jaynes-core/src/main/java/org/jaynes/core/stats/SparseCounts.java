package org.jaynes.core.stats;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * The serialized form of an accumulator's table of counts (65,536 coarse cells or bit patterns, most of
 * them zero in any one population): the table's length, then the index and count of each non-zero entry.
 */
final class SparseCounts {

    private SparseCounts() {
    }

    static void write(ObjectOutputStream out, long[] counts) throws IOException {
        int nonZero = 0;
        for (long count : counts) {
            nonZero += count != 0 ? 1 : 0;
        }
        out.writeInt(counts.length);
        out.writeInt(nonZero);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                out.writeInt(i);
                out.writeLong(counts[i]);
            }
        }
    }

    static long[] read(ObjectInputStream in) throws IOException {
        int length = in.readInt();
        int nonZero = in.readInt();
        if (length < 0 || length > 1 << 16 || nonZero < 0 || nonZero > length) {
            throw new InvalidObjectException("a table of " + nonZero + " counts in " + length + " cells");
        }
        long[] counts = new long[length];
        for (int i = 0; i < nonZero; i++) {
            int index = in.readInt();
            if (index < 0 || index >= length) {
                throw new InvalidObjectException("cell " + index + " outside a table of " + length);
            }
            counts[index] = in.readLong();
        }
        return counts;
    }
}
