package org.jaynes.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class FloatLogTest {

    /**
     * Every 61st positive normal f32 bit pattern (35 million values over every exponent and every cell of
     * the table; 61 is odd, so every low mantissa bit varies): within 2 ulps of {@link Math#log} of the
     * value, or 2 ulps of ln 2 (2.2e-16) just below 1, where ln x cancels against −ln 2 and an ulp of
     * the result is far smaller.
     */
    @Test
    void agreesWithMathLogOnEveryExponentAndCell() {
        double worstUlps = 0;
        int worstBits = 0;
        for (long bits = 0x00800000L; bits < 0x7F800000L; bits += 61) {
            double expected = Math.log(Float.intBitsToFloat((int) bits));
            double actual = FloatLog.lnMagnitude((int) bits);
            double error = Math.abs(actual - expected);
            double ulps = error / Math.ulp(expected);
            if (error > 2 * Math.ulp(Math.log(2)) && ulps > worstUlps) {
                worstUlps = ulps;
                worstBits = (int) bits;
            }
        }
        int bits = worstBits;
        double ulps = worstUlps;
        assertTrue(ulps <= 2, () -> String.format(Locale.ROOT, "%.2f ulps at %a", ulps, Float.intBitsToFloat(bits)));
    }

    @Test
    void ignoresTheSignAndIsWithinTheBoundAtPowersOfTwo() {
        for (int e = -126; e <= 127; e++) {
            float w = Math.scalb(1f, e);
            double expected = Math.log(w);
            assertEquals(expected, FloatLog.lnMagnitude(Float.floatToRawIntBits(w)),
                    Math.max(Math.ulp(expected), 2 * Math.ulp(Math.log(2))), "2^" + e);
            assertEquals(FloatLog.lnMagnitude(Float.floatToRawIntBits(w)),
                    FloatLog.lnMagnitude(Float.floatToRawIntBits(-w)), "-2^" + e);
        }
        assertEquals(Math.log(0.5), FloatLog.lnMagnitude(Float.floatToRawIntBits(0.5f)), "exactly, at 1/2");
    }
}
