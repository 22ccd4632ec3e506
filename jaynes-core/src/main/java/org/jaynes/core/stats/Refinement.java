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

    /** The cells of this refinement that {@code done} does not refine: what is left to count. */
    public Refinement without(Refinement done) {
        boolean[] left = keys.clone();
        for (int key = 0; key < left.length; key++) {
            left[key] &= !done.keys[key];
        }
        return new Refinement(left);
    }

    /**
     * The values of the refined cells among the f32 values of {@code window}, counted in fine cells. A
     * refined coarse cell of an f32 is exactly one page of the {@link LogAbsHistogram} (same exponent and
     * top 7 mantissa bits), and its fine cell is the next 10 mantissa bits, so the pages are counted
     * directly, one increment per value, then handed to the histogram.
     */
    public LogAbsHistogram countFine(ByteBuffer window) {
        // Values of cells not refined are counted in a scratch page: a branch on whether a value is
        // refined would be mispredicted for a good share of the values, and costs more than the count.
        int[] scratch = new int[1 << 10];
        int[][] pageOfKey = new int[1 << 16][];
        for (int key = 0; key < pageOfKey.length; key++) {
            pageOfKey[key] = keys[key & 0x7FFF] ? new int[1 << 10] : scratch;
        }
        IntBuffer ints = window.slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int[] chunk = new int[CHUNK];
        for (int start = 0, total = ints.remaining(); start < total; start += CHUNK) {
            int length = Math.min(CHUNK, total - start);
            ints.get(start, chunk, 0, length);
            for (int i = 0; i < length; i++) {
                int b = chunk[i];
                // Zeros, subnormals and non-finite values have keys that are never refined.
                pageOfKey[b >>> 16][(b >>> 6) & 0x3FF]++;
            }
        }
        LogAbsHistogram fine = new LogAbsHistogram();
        for (int key = 0; key < pageOfKey.length; key++) {
            if (pageOfKey[key] != scratch && !isEmpty(pageOfKey[key])) {
                fine.adoptPage((key & 0x7FFF) + RefinedCells.PAGE_OFFSET, key >= 0x8000, pageOfKey[key]);
            }
        }
        return fine;
    }

    private static boolean isEmpty(int[] page) {
        for (int count : page) {
            if (count != 0) {
                return false;
            }
        }
        return true;
    }
}
