package org.jaynes.core.stats;

/**
 * ln|w| of a normal f32 value from its bits, in double precision, without {@link Math#log}: the hot
 * loop of {@link RefiningAccumulator} runs it once per weight.
 *
 * <p>Write |w| = 2^e · x with x in [1, 2), and let c be the midpoint of the 1/128-wide interval of x
 * that the top 7 bits of the mantissa select. Then ln|w| = e·ln 2 + ln c + ln(1 + r) with
 * r = (x − c)/c, |r| &lt; 2^-8; ln c comes from a 128-entry table and ln(1 + r) from its Taylor series
 * to r^6, evaluated with fused multiply-adds (the first term left out is below r^7/7 &lt; 2^-58). x − c is exact (both lie in [1, 2) and
 * differ by less than 2^-8), so the result is within a few ulps of the correctly rounded logarithm,
 * the accuracy of {@link Math#log} itself; {@code FloatLogTest} checks every 8th bit pattern.
 *
 * <p>Zeros, subnormals, infinities and NaN are not handled: callers send those to {@link Math#log}.
 */
final class FloatLog {

    /** ln 2, to the double nearest. */
    static final double LN2 = 0x1.62e42fefa39efp-1;

    private static final int TOP_BITS = 7;
    private static final int CELLS = 1 << TOP_BITS;
    private static final double[] MIDPOINT = new double[CELLS];
    private static final double[] INVERSE = new double[CELLS];
    private static final double[] LN_MIDPOINT = new double[CELLS];

    static {
        for (int j = 0; j < CELLS; j++) {
            MIDPOINT[j] = 1 + (j + 0.5) / CELLS;
            INVERSE[j] = 1 / MIDPOINT[j];
            LN_MIDPOINT[j] = Math.log(MIDPOINT[j]);
        }
    }

    private FloatLog() {
    }

    /** ln|w| for the bits of a normal (not zero, subnormal, infinite or NaN) f32 w; the sign bit is ignored. */
    static double lnMagnitude(int bits) {
        int exponent = ((bits >>> 23) & 0xFF) - 127;
        int cell = (bits >>> 16) & (CELLS - 1);
        double x = Float.intBitsToFloat((bits & 0x7FFFFF) | 0x3F800000);
        double r = (x - MIDPOINT[cell]) * INVERSE[cell];
        double series = r * Math.fma(r, Math.fma(r, Math.fma(r, Math.fma(r, Math.fma(r, -1.0 / 6, 0.2), -0.25),
                1.0 / 3), -0.5), 1);
        return Math.fma(exponent, LN2, LN_MIDPOINT[cell] + series);
    }
}
