package org.jaynes.formats.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The boxes of a run of a row-major array cover exactly the run, in order, each contiguous. */
class RowMajorBoxesTest {

    private static final long SEED = 20240612;

    @Test
    void splitsTheDocumentedExample() {
        List<RowMajorBoxes.Box> boxes = RowMajorBoxes.of(new long[] {4, 10}, 7, 33);
        assertEquals(List.of(box(new long[] {0, 7}, new int[] {1, 3}), box(new long[] {1, 0}, new int[] {2, 10}),
                box(new long[] {3, 0}, new int[] {1, 3})), boxes);
    }

    @Test
    void wholeRowsAreOneBox() {
        assertEquals(List.of(box(new long[] {1, 0, 0}, new int[] {2, 3, 5})),
                RowMajorBoxes.of(new long[] {4, 3, 5}, 15, 45));
    }

    @Test
    void anEmptyRunHasNoBoxes() {
        assertEquals(List.of(), RowMajorBoxes.of(new long[] {4, 3}, 5, 5));
    }

    @Test
    void boxesAreTheRunInOrder() {
        Random random = new Random(SEED);
        for (int trial = 0; trial < 2000; trial++) {
            int rank = 1 + random.nextInt(4);
            long[] dims = new long[rank];
            long total = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = 1 + random.nextInt(7);
                total *= dims[d];
            }
            long from = random.nextInt((int) total);
            long to = from + random.nextInt((int) (total - from) + 1);
            List<RowMajorBoxes.Box> boxes = RowMajorBoxes.of(dims, from, to);
            String what = "seed " + SEED + ", trial " + trial + ": " + java.util.Arrays.toString(dims) + " [" + from
                    + ", " + to + ") -> " + boxes;
            assertTrue(boxes.size() <= 2 * rank - 1, what);
            long next = from;
            for (RowMajorBoxes.Box box : boxes) {
                for (long flat : elements(dims, box)) {
                    assertEquals(next++, flat, what);
                }
            }
            assertEquals(to, next, what);
        }
    }

    /** The flat indexes of a box's elements, in the box's row-major order. */
    private static long[] elements(long[] dims, RowMajorBoxes.Box box) {
        int rank = dims.length;
        long[] flat = new long[(int) box.elements()];
        int[] index = new int[rank];
        for (int n = 0; n < flat.length; n++) {
            long f = 0;
            for (int d = 0; d < rank; d++) {
                f = f * dims[d] + box.offset()[d] + index[d];
            }
            flat[n] = f;
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < box.shape()[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return flat;
    }

    private static RowMajorBoxes.Box box(long[] offset, int[] shape) {
        return new RowMajorBoxes.Box(offset, shape);
    }
}
