package org.jaynes.capture.onnx;

import java.util.Arrays;

/**
 * The values fed to one model input for one batch, row-major. The data arrays are not copied: a feed
 * must not change while a run uses it.
 */
public sealed interface FeedTensor {

    /** The dimensions, outermost first (a copy). */
    long[] shape();

    /** The element type the model must accept: the record's. */
    default ElementType type() {
        return this instanceof Int64 ? ElementType.INT64 : ElementType.FLOAT32;
    }

    /** 64-bit integers: token ids, masks, indices. */
    record Int64(long[] shape, long[] data) implements FeedTensor {

        public Int64 {
            shape = checked(shape, data.length);
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /** 32-bit floats; fed to a float16 or bfloat16 input, they are rounded to its type. */
    record Float32(long[] shape, float[] data) implements FeedTensor {

        public Float32 {
            shape = checked(shape, data.length);
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /** A copy of {@code shape}, checked to hold {@code count} values. */
    private static long[] checked(long[] shape, int count) {
        long[] copy = shape.clone();
        checkCount(copy, count);
        return copy;
    }

    private static void checkCount(long[] shape, int count) {
        long product = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            product = Math.multiplyExact(product, d);
        }
        if (product != count) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + product
                    + " values, the data " + count);
        }
    }
}
