package org.jaynes.formats.tflite;

import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.ModelFormatException;

/**
 * The affine quantization of a tensor: {@code w = scale[c] * (q - zeroPoint[c])}, where {@code c} is the
 * index along {@code dimension} (per channel) or 0 (one scale for the whole tensor).
 *
 * @param scales     one scale per channel, or one
 * @param zeroPoints one zero point per scale
 * @param dimension  the dimension the channels run along; 0 when there is one scale
 */
record TfliteQuantization(float[] scales, long[] zeroPoints, int dimension) {

    static final String CUSTOM = "tensor %s uses custom quantization (details type %d), which jaynes cannot decode";
    static final String ZERO_POINTS = "tensor %s has %d scales but %d zero points";
    static final String BAD_DIMENSION = "tensor %s: quantized_dimension %d is not a dimension of its shape %s";
    static final String CHANNELS = "tensor %s has %d scales, but dimension %d of its shape %s has %d channels";
    static final String BAD_SCALE = "tensor %s: scale %d is %s, expected a finite number";

    /** The channel of the element at flat index {@code i}: {@code (i / inner) % channels}. */
    int channel(long i, long inner) {
        return scales.length == 1 ? 0 : (int) ((i / inner) % scales.length);
    }

    /**
     * The quantization a tensor table gives, or null when it has none (no table, or no scales: float
     * tensors carry only min and max, for importing back into TensorFlow).
     */
    static TfliteQuantization parse(FlatTable tensor, String name, Shape shape) throws ModelFormatException {
        FlatTable table = tensor.table(TfliteSchema.TENSOR_QUANTIZATION, "quantization");
        if (table == null) {
            return null;
        }
        int details = table.u8(TfliteSchema.QUANTIZATION_DETAILS_TYPE, 0);
        FlatVector scaleVector = table.vector(TfliteSchema.QUANTIZATION_SCALE, Float.BYTES, "scale");
        if (details != 0) {
            throw error(table, CUSTOM, name, details);
        }
        if (scaleVector.length() == 0) {
            return null;
        }
        FlatVector zeroVector = table.vector(TfliteSchema.QUANTIZATION_ZERO_POINT, Long.BYTES, "zero_point");
        int count = scaleVector.length();
        if (zeroVector.length() != count && zeroVector.length() > 1) {
            throw error(table, ZERO_POINTS, name, count, zeroVector.length());
        }
        float[] scales = new float[count];
        long[] zeroPoints = new long[count];
        for (int i = 0; i < count; i++) {
            scales[i] = scaleVector.f32(i);
            if (!Float.isFinite(scales[i])) {
                throw error(table, BAD_SCALE, name, i, Float.toString(scales[i]));
            }
            zeroPoints[i] = zeroVector.length() == 0 ? 0 : zeroVector.i64(zeroVector.length() == 1 ? 0 : i);
        }
        int dimension = table.i32(TfliteSchema.QUANTIZATION_DIMENSION, 0);
        if (count > 1) {
            if (dimension < 0 || dimension >= shape.rank()) {
                throw error(table, BAD_DIMENSION, name, dimension, shape);
            }
            if (shape.dim(dimension) != count) {
                throw error(table, CHANNELS, name, count, dimension, shape, shape.dim(dimension));
            }
        }
        return new TfliteQuantization(scales, zeroPoints, count > 1 ? dimension : 0);
    }

    private static ModelFormatException error(FlatTable table, String template, Object... args) {
        return table.error(template, args);
    }
}
