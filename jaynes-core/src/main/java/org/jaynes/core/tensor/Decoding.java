package org.jaynes.core.tensor;

/** Decodes the bit patterns of the small dtypes to their values. */
public final class Decoding {

    private Decoding() {
    }

    /**
     * IEEE 754 binary16 to double (exact), by moving the bits: a normal value's exponent is rebiased
     * (15 to 1023) and its 10 mantissa bits become the top of the double's 52; a subnormal is m × 2^-24.
     */
    public static double halfToDouble(int bits) {
        long sign = (long) (bits & 0x8000) << 48;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0) {
            double magnitude = mantissa * 0x1p-24;
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1F) {
            return mantissa != 0 ? Double.NaN : sign == 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return Double.longBitsToDouble(sign | (long) (exponent - 15 + 1023) << 52 | (long) mantissa << 42);
    }

    /** bfloat16 (the top half of a binary32) to double (exact). */
    public static double bfloat16ToDouble(int bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /**
     * The value of an element of a dtype of at most 16 bits, given its bit pattern (the unsigned
     * little-endian integer the element's bytes form).
     */
    public static double patternToDouble(DType dtype, int pattern) {
        return switch (dtype) {
            case F16 -> halfToDouble(pattern);
            case BF16 -> bfloat16ToDouble(pattern);
            case I16 -> (short) pattern;
            case U16 -> pattern & 0xFFFF;
            case I8 -> (byte) pattern;
            case U8, BOOL -> pattern & 0xFF;
            default -> throw new IllegalArgumentException("not a pattern dtype: " + dtype);
        };
    }
}
