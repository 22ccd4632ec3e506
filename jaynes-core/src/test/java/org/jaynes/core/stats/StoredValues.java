package org.jaynes.core.stats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.core.tensor.DType;

/**
 * Test data as a model file stores it: the little-endian bytes of a dtype and the values those bytes
 * hold, as doubles. Encoders round to nearest, ties to even, and are written here independently of
 * {@link org.jaynes.core.tensor.Decoding}, which the tests check against them.
 *
 * @param dtype  the element type
 * @param bytes  the stored bytes
 * @param values the stored values, exactly, one per element
 */
public record StoredValues(DType dtype, byte[] bytes, double[] values) {

    /** Stores {@code values} as {@code dtype}, rounding each to the nearest representable value. */
    public static StoredValues of(DType dtype, double[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        double[] stored = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            switch (dtype) {
                case F64 -> {
                    out.putDouble(v);
                    stored[i] = v;
                }
                case F32 -> {
                    out.putFloat((float) v);
                    stored[i] = (float) v;
                }
                case F16 -> {
                    short bits = floatToHalf((float) v);
                    out.putShort(bits);
                    stored[i] = halfToDouble(bits & 0xFFFF);
                }
                case BF16 -> {
                    short bits = floatToBfloat16((float) v);
                    out.putShort(bits);
                    stored[i] = Float.intBitsToFloat((bits & 0xFFFF) << 16);
                }
                case I8 -> {
                    byte b = (byte) Math.max(-128, Math.min(127, Math.rint(v)));
                    out.put(b);
                    stored[i] = b;
                }
                default -> throw new IllegalArgumentException("no test encoder for " + dtype);
            }
        }
        return new StoredValues(dtype, out.array(), stored);
    }

    /** A read-only little-endian view of all the bytes. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A read-only view of bytes {@code [from, to)}. */
    public ByteBuffer window(int from, int to) {
        return buffer().position(from).limit(to).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** An accumulator of this dtype fed all the bytes in one window. */
    public PopulationAccumulator accumulate() {
        PopulationAccumulator accumulator = PopulationAccumulator.of(dtype);
        accumulator.accept(buffer());
        return accumulator;
    }

    /** An accumulator fed the bytes in consecutive windows of {@code windowElements} elements. */
    public PopulationAccumulator accumulateInWindows(int windowElements) {
        PopulationAccumulator accumulator = PopulationAccumulator.of(dtype);
        int step = windowElements * dtype.byteSize();
        for (int from = 0; from < bytes.length; from += step) {
            accumulator.accept(window(from, Math.min(bytes.length, from + step)));
        }
        return accumulator;
    }

    /** IEEE 754 binary32 to binary16, round to nearest even; overflow gives infinity, NaN stays NaN. */
    public static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xFF;
        int mantissa = bits & 0x7FFFFF;
        if (exponent == 0xFF) {
            return (short) (sign | 0x7C00 | (mantissa != 0 ? 0x200 : 0));
        }
        int halfExponent = exponent - 127 + 15;
        if (halfExponent >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (halfExponent <= 0) {
            // subnormal half: the value is significand × 2^(exponent − 150) = q × 2^-24
            int shift = 126 - exponent;
            if (exponent == 0 || shift > 25) {
                return (short) sign;
            }
            int significand = mantissa | 0x800000;
            return (short) (sign | roundShift(significand, shift));
        }
        int result = (halfExponent << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (result & 1) == 1)) {
            result++; // a carry into the exponent is right, up to infinity
        }
        return (short) (sign | result);
    }

    /** binary32 to bfloat16 (the top 16 bits), round to nearest even; NaN stays NaN. */
    public static short floatToBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    /** binary16 bits to their value: (−1)^s × 2^(e − 15) × (1 + m/1024), or 2^-14 × m/1024 when e = 0. */
    public static double halfToDouble(int bits) {
        double sign = (bits & 0x8000) != 0 ? -1 : 1;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (exponent == 0) {
            return sign * Math.pow(2, -14) * (mantissa / 1024.0);
        }
        return sign * Math.pow(2, exponent - 15) * (1 + mantissa / 1024.0);
    }

    private static int roundShift(int value, int shift) {
        int quotient = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rest > half || (rest == half && (quotient & 1) == 1)) {
            quotient++;
        }
        return quotient;
    }

    /** A seeded generator of the kind every random test uses. */
    public static UniformRandomProvider random(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** {@code n} values ±exp(mu + sigma·Z) with random signs. */
    public static double[] logNormal(UniformRandomProvider rng, int n, double mu, double sigma) {
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double magnitude = Math.exp(mu + sigma * gaussian.sample());
            values[i] = rng.nextBoolean() ? magnitude : -magnitude;
        }
        return values;
    }

    /** {@code n} values N(0, scale²). */
    public static double[] gaussian(UniformRandomProvider rng, int n, double scale) {
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = scale * gaussian.sample();
        }
        return values;
    }
}
