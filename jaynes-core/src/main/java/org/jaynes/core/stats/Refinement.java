package org.jaynes.core.stats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * The second pass of a {@link RefiningAccumulator}: which coarse cells (f32 magnitude keys) to count
 * finely, and the counting itself, one window at a time, each into its own histogram to be merged with
 * {@link LogAbsHistogram#merge}. Immutable and thread-safe.
 */
public final class Refinement {

    private static final int CHUNK = 1024;

    private final boolean[] keys;
    private final int count;

    Refinement(boolean[] keys) {
        this.keys = keys;
        int selected = 0;
        for (boolean key : keys) {
            selected += key ? 1 : 0;
        }
        this.count = selected;
    }

    /** Whether any cell is to be refined: when none is, the second pass can be skipped. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** The number of coarse cells (of both signs) to refine. */
    public int cells() {
        return count;
    }

    boolean[] keys() {
        return keys;
    }

    /** The values of the refined cells among the f32 values of {@code window}, counted in fine cells. */
    public LogAbsHistogram countFine(ByteBuffer window) {
        LogAbsHistogram fine = new LogAbsHistogram();
        IntBuffer ints = window.slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int[] chunk = new int[CHUNK];
        for (int start = 0, total = ints.remaining(); start < total; start += CHUNK) {
            int length = Math.min(CHUNK, total - start);
            ints.get(start, chunk, 0, length);
            for (int i = 0; i < length; i++) {
                int b = chunk[i];
                // Zeros, subnormals and non-finite values have keys that are never refined.
                if (keys[(b >>> 16) & 0x7FFF]) {
                    fine.accept(Float.intBitsToFloat(b));
                }
            }
        }
        return fine;
    }
}
