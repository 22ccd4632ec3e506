package org.jaynes.core.stats;

/**
 * ln|w| of a normal f32 value from its bits, in double precision, without {@link Math#log}: the hot
 * loop of {@link FloatMoments} runs it once per weight.
 *
 * <p>Write |w| = 2^e · x with x in [1, 2), and let c be the midpoint of the 1/128-wide interval of x
 * that the top 7 bits of the mantissa select. Then ln|w| = e·ln 2 + ln c + ln(1 + r) with
 * r = (x − c)/c, |r| &lt; 2^-8; ln c comes from a 128-entry table and ln(1 + r) from its Taylor series
 * to r^6, evaluated with fused multiply-adds (the first term left out is below r^7/7 &lt; 2^-58).
 * x − c is exact (both lie in [1, 2) and differ by less than 2^-8) and e·ln 2 is taken in two parts,
 * so the result is within 2 ulps of {@link Math#log}, or within 2.2e-16 (2 ulps of ln 2) just below 1,
 * where ln c + ln(1 + r) cancels against −ln 2; {@code FloatLogTest} checks every 61st bit pattern.
 *
 * <p>Zeros, subnormals, infinities and NaN are not handled: callers send those to {@link Math#log}.
 */
final class FloatLog {

    /** ln 2 in two parts: the high part has 11 trailing zero bits, so e·LN2_HIGH is exact for any f32 e. */
    private static final double LN2_HIGH = 0x1.62e42fefa3800p-1;
    private static final double LN2_LOW = 0x1.ef35793c7673p-45;

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
        return Math.fma(exponent, LN2_HIGH, Math.fma(exponent, LN2_LOW, LN_MIDPOINT[cell] + series));
    }
}
