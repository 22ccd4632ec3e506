package org.jaynes.formats.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a run of elements {@code [from, to)} of a row-major array into boxes (hyperrectangles), each
 * itself a contiguous run, in order: a ragged start of a row, a block of whole rows, a ragged end, at
 * every level. So the run's elements are the boxes' elements, box after box, each in row-major order.
 * A run gives at most {@code 2 × rank − 1} boxes; cost O(rank²).
 *
 * <p>Example: in a {@code [4, 10]} array, elements {@code [7, 33)} are the boxes {@code [0, 7..10)},
 * {@code [1..3, 0..10)} and {@code [3, 0..3)}.
 */
final class RowMajorBoxes {

    /**
     * A box: its first element's index and its extent in each dimension.
     *
     * @param offset the first element's index, per dimension
     * @param shape  the extent per dimension, each at least 1
     */
    record Box(long[] offset, int[] shape) {

        long elements() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Box b && Arrays.equals(offset, b.offset) && Arrays.equals(shape, b.shape);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(offset) + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return Arrays.toString(offset) + "+" + Arrays.toString(shape);
        }
    }

    private final long[] dims;
    private final long[] strides;
    private final List<Box> boxes = new ArrayList<>();

    private RowMajorBoxes(long[] dims) {
        this.dims = dims.clone();
        this.strides = new long[dims.length];
        long stride = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= dims[d];
        }
    }

    /**
     * The boxes of elements {@code [from, to)} of an array of these dimensions (rank ≥ 1), in order.
     * Each box holds fewer than 2^31 elements when the run does.
     */
    static List<Box> of(long[] dims, long from, long to) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("a scalar has no rows");
        }
        RowMajorBoxes split = new RowMajorBoxes(dims);
        if (from < to) {
            split.split(0, new long[dims.length], from, to);
        }
        return List.copyOf(split.boxes);
    }

    /** Adds the boxes of {@code [from, to)}, counted inside the sub-array at {@code prefix[0..d)}. */
    private void split(int d, long[] prefix, long from, long to) {
        long stride = strides[d];
        long first = from / stride;
        long last = (to - 1) / stride;
        if (from % stride == 0 && to % stride == 0) {
            whole(d, prefix, first, to / stride);
            return;
        }
        if (first == last) {
            prefix[d] = first;
            split(d + 1, prefix, from - first * stride, to - first * stride);
            return;
        }
        long start = first;
        if (from % stride != 0) {
            prefix[d] = first;
            split(d + 1, prefix, from - first * stride, stride);
            start = first + 1;
        }
        long end = to / stride;
        if (start < end) {
            whole(d, prefix, start, end);
        }
        if (to % stride != 0) {
            prefix[d] = end;
            split(d + 1, prefix, 0, to - end * stride);
        }
    }

    /** The box of whole sub-arrays {@code [start, end)} along dimension {@code d}. */
    private void whole(int d, long[] prefix, long start, long end) {
        long[] offset = new long[dims.length];
        int[] shape = new int[dims.length];
        for (int i = 0; i < d; i++) {
            offset[i] = prefix[i];
            shape[i] = 1;
        }
        offset[d] = start;
        shape[d] = Math.toIntExact(end - start);
        for (int i = d + 1; i < dims.length; i++) {
            shape[i] = Math.toIntExact(dims[i]);
        }
        boxes.add(new Box(offset, shape));
    }
}
