package org.jaynes.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.apache.commons.numbers.gamma.Erfc;
import org.junit.jupiter.api.Test;

class StandardNormalTest {

    /** The class promises the table's accuracy, a few ulps of 1 (ulp(1) = 2.2e-16). */
    private static final double ABSOLUTE_EPS = 1e-15;

    private static double reference(double z) {
        return 0.5 * Erfc.value(-z / Math.sqrt(2));
    }

    /**
     * About 1.6 million points on [-39, 39]: a step of 1/20011 (prime, so the points fall at every
     * offset from the table's nodes j/1024), plus the nodes themselves and the midpoints between them.
     */
    @Test
    void cdfMatchesErfcOnADenseGrid() {
        double worst = 0;
        double worstZ = 0;
        for (long k = -39L * 20011; k <= 39L * 20011; k++) {
            double z = k / 20011.0;
            double error = Math.abs(StandardNormal.cdf(z) - reference(z));
            if (error > worst) {
                worst = error;
                worstZ = z;
            }
        }
        for (int j = -39 * 2048; j <= 39 * 2048; j++) {
            double z = j / 2048.0; // nodes (even j) and midpoints (odd j), where |h| is largest
            double error = Math.abs(StandardNormal.cdf(z) - reference(z));
            if (error > worst) {
                worst = error;
                worstZ = z;
            }
        }
        double finalWorst = worst;
        double finalZ = worstZ;
        assertTrue(worst <= ABSOLUTE_EPS,
                () -> String.format(Locale.ROOT, "largest error %.3g at z = %.17g", finalWorst, finalZ));
    }

    @Test
    void cdfIsSymmetric() {
        for (int k = 0; k <= 40_000; k++) {
            double z = k / 1000.0 - 0.0005;
            assertEquals(1.0, StandardNormal.cdf(z) + StandardNormal.cdf(-z), ABSOLUTE_EPS, "z = " + z);
        }
    }

    @Test
    void cdfKnownValues() {
        assertEquals(0.5, StandardNormal.cdf(0));
        assertEquals(0.5, StandardNormal.cdf(-0.0));
        assertEquals(0.8413447460685429, StandardNormal.cdf(1), ABSOLUTE_EPS);
        assertEquals(0.9750021048517795, StandardNormal.cdf(1.96), ABSOLUTE_EPS);
        assertEquals(0.0013498980316300946, StandardNormal.cdf(-3), ABSOLUTE_EPS);
    }

    @Test
    void cdfLimitsAndNaN() {
        assertEquals(0.0, StandardNormal.cdf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, StandardNormal.cdf(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(StandardNormal.cdf(Double.NaN)));
        assertEquals(0.0, StandardNormal.cdf(-40));
        assertEquals(1.0, StandardNormal.cdf(40));
        assertEquals(0.0, StandardNormal.cdf(-1e300));
        assertEquals(1.0, StandardNormal.cdf(1e300));
        // just inside the table at both ends: Φ(±39.9999) is 0 or 1 to far better than 1e-300
        assertEquals(0.0, StandardNormal.cdf(-39.9999), 1e-300);
        assertEquals(1.0, StandardNormal.cdf(39.9999));
        assertEquals(0.0, StandardNormal.cdf(Math.nextUp(-40.0)), 1e-300);
        assertEquals(1.0, StandardNormal.cdf(Math.nextDown(40.0)));
    }

    @Test
    void cdfStaysInTheUnitInterval() {
        for (int k = -45_000; k <= 45_000; k++) {
            double p = StandardNormal.cdf(k / 1000.0);
            assertTrue(p >= 0 && p <= 1, "z = " + k / 1000.0 + " gives " + p);
        }
    }

    @Test
    void density() {
        assertEquals(1 / Math.sqrt(2 * Math.PI), StandardNormal.density(0), 1e-17);
        assertEquals(0.24197072451914337, StandardNormal.density(1), 1e-17);
        assertEquals(StandardNormal.density(2.5), StandardNormal.density(-2.5));
        assertEquals(0.0, StandardNormal.density(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(StandardNormal.density(Double.NaN)));
    }
}
