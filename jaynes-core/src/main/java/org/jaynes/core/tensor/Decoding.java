package org.jaynes.core.tensor;

/** Decodes the bit patterns of the small dtypes to their values. */
public final class Decoding {

    private Decoding() {
    }

    /** IEEE 754 binary16 to double (exact). */
    public static double halfToDouble(int bits) {
        int sign = (bits >>> 15) & 1;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        double magnitude;
        if (exponent == 0) {
            magnitude = Math.scalb((double) mantissa, -24);
        } else if (exponent == 0x1F) {
            magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            magnitude = Math.scalb((double) (mantissa | 0x400), exponent - 25);
        }
        return sign == 0 ? magnitude : -magnitude;
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
