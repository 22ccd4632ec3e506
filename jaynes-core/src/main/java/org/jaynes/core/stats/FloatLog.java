package org.jaynes.core.stats;

/**
 * ln|w| of a normal f32 value from its bits, in double precision, without {@link Math#log} and without a
 * table, so that {@link ChunkSums} can run the same steps eight values at a time in vector registers and
 * get the same bits as this scalar form.
 *
 * <p>Write |w| = 2^e · x with x in [1, 2); when x &gt; √2, halve x and add 1 to e, so that x lies in
 * (√2/2, √2]. With f = x − 1 (exact), s = f/(2 + f) and z = s², ln x = 2 atanh s =
 * f − (f²/2 − s·(f²/2 + R)) with R = z·(2/3 + 2z/5 + … + 2z^9/19), the Taylor series of atanh truncated
 * after z^9: |s| &lt; 0.1716, so the first term left out, 2|s|^21/21, is below 10^-17 (the arrangement keeps
 * the exact f as the leading term, as fdlibm's log does). e·ln 2 is taken in two parts. The result is
 * within 2 ulps of {@link Math#log} (1 ulp over every 61st bit pattern), or within 2.2e-16 (2 ulps of
 * ln 2) just below 1, where ln x cancels against −ln 2; {@code FloatLogTest} checks every 61st pattern.
 *
 * <p>Zeros, subnormals, infinities and NaN are not handled: callers send those to {@link Math#log}.
 */
final class FloatLog {

    /** ln 2 in two parts: the high part has 11 trailing zero bits, so e·LN2_HIGH is exact for any f32 e. */
    static final double LN2_HIGH = 0x1.62e42fefa3800p-1;
    static final double LN2_LOW = 0x1.ef35793c7673p-45;
    static final double SQRT_2 = Math.sqrt(2);
    /** 2/(2k + 1) for k = 1 … 9: the coefficients of z^(k-1) in R/z, highest first. */
    static final double[] ATANH = new double[9];

    static {
        for (int k = 1; k <= 9; k++) {
            ATANH[9 - k] = 2.0 / (2 * k + 1);
        }
    }

    private FloatLog() {
    }

    /** ln|w| for the bits of a normal (not zero, subnormal, infinite or NaN) f32 w; the sign bit is ignored. */
    static double lnMagnitude(int bits) {
        double exponent = ((bits >>> 23) & 0xFF) - 127;
        double x = Float.intBitsToFloat((bits & 0x7FFFFF) | 0x3F800000);
        if (x > SQRT_2) {
            x = x * 0.5;
            exponent = exponent + 1;
        }
        double f = x - 1;
        double s = f / (2 + f);
        double z = s * s;
        double halfSquare = 0.5 * f * f;
        double series = ATANH[0];
        for (int k = 1; k < ATANH.length; k++) {
            series = Math.fma(series, z, ATANH[k]);
        }
        double lnX = f - (halfSquare - s * (halfSquare + z * series));
        return Math.fma(exponent, LN2_HIGH, Math.fma(exponent, LN2_LOW, lnX));
    }
}
