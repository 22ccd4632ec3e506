package org.jaynes.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LaplaceDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.WeibullDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every law against an independent implementation: commons-statistics where it has the law (for the
 * half-normal, its normal law folded), and for the generalised normal its special cases β = 1 and 2 and a
 * numerical integral of its density. Densities agree to 1e-13 relative (different formulas round
 * differently), CDFs to 1e-14 absolute ({@code StandardNormal}'s table is good to a few ulps).
 */
class FittedLawTest {

    private static final double LOG_DENSITY = 1e-13;
    private static final double CDF = 1e-14;
    private static final double[] POINTS = {1e-6, 0.003, 0.02, 0.1, 0.37, 1, 2.5, 7, 30};

    @Test
    void lognormal() {
        assertMatches(new LognormalLaw(-1.3, 0.8), LogNormalDistribution.of(-1.3, 0.8), 0);
    }

    @Test
    void halfNormalIsTheFoldedNormal() {
        HalfNormalLaw law = new HalfNormalLaw(0.6);
        NormalDistribution normal = NormalDistribution.of(0, 0.6);
        for (double x : POINTS) {
            assertClose(normal.logDensity(x) + Math.log(2), law.logDensity(x), LOG_DENSITY, "ln f " + x);
            assertEquals(normal.probability(-x, x), law.cumulativeProbability(x), CDF, "F " + x);
        }
    }

    @Test
    void exponential() {
        assertMatches(new ExponentialLaw(0.4), ExponentialDistribution.of(0.4), 0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.45, 1, 2.7})
    void weibull(double shape) {
        assertMatches(new WeibullLaw(shape, 0.3), WeibullDistribution.of(shape, 0.3), 0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1, 4.5})
    void gamma(double shape) {
        assertMatches(new GammaLaw(shape, 0.2), GammaDistribution.of(shape, 0.2), 0);
    }

    @Test
    void normal() {
        assertMatches(new NormalLaw(0.7), NormalDistribution.of(0, 0.7), 0);
        assertMatches(new NormalLaw(0.7), NormalDistribution.of(0, 0.7), -1);
    }

    @Test
    void laplace() {
        assertMatches(new LaplaceLaw(0.05), LaplaceDistribution.of(0, 0.05), 0);
        assertMatches(new LaplaceLaw(0.05), LaplaceDistribution.of(0, 0.05), -1);
    }

    @Test
    void generalisedNormalWithBetaTwoIsNormalAndWithBetaOneLaplace() {
        double s = 0.9;
        assertMatches(new GenNormLaw(2, s), NormalDistribution.of(0, s / Math.sqrt(2)), 0);
        assertMatches(new GenNormLaw(2, s), NormalDistribution.of(0, s / Math.sqrt(2)), -1);
        assertMatches(new GenNormLaw(1, s), LaplaceDistribution.of(0, s), 0);
        assertMatches(new GenNormLaw(1, s), LaplaceDistribution.of(0, s), -1);
    }

    /** F(b) − F(a) against Simpson's rule on the density; 20,000 panels leave an error below 1e-12. */
    @ParameterizedTest
    @ValueSource(doubles = {0.6, 1.7, 3.3})
    void generalisedNormalCdfIntegratesItsDensity(double beta) {
        GenNormLaw law = new GenNormLaw(beta, 0.5);
        double[] edges = {-2, -0.4, -0.01, 0.01, 0.3, 1.1};
        for (int i = 1; i < edges.length; i++) {
            double a = edges[i - 1];
            double b = edges[i];
            if (a < 0 && b > 0) {
                continue; // the density has a kink at 0 for β ≤ 1
            }
            int panels = 20_000;
            double h = (b - a) / panels;
            double sum = 0;
            for (int k = 0; k <= panels; k++) {
                double weight = k == 0 || k == panels ? 1 : k % 2 == 1 ? 4 : 2;
                sum += weight * Math.exp(law.logDensity(a + k * h));
            }
            double integral = sum * h / 3;
            assertEquals(integral, law.cumulativeProbability(b) - law.cumulativeProbability(a), 1e-12,
                    "beta " + beta + " on [" + a + ", " + b + "]");
        }
        assertEquals(0.5, law.cumulativeProbability(0), 1e-16);
    }

    @Test
    void foldsAddLn2AndDoubleTheProbability() {
        for (SignedLaw law : List.<SignedLaw>of(new NormalLaw(0.3), new LaplaceLaw(0.3), new GenNormLaw(0.8, 0.3))) {
            for (double x : POINTS) {
                assertClose(law.logDensity(x) + Math.log(2), law.foldedLogDensity(x), 1e-15, law + " ln f " + x);
                assertEquals(2 * law.cumulativeProbability(x) - 1, law.foldedCumulativeProbability(x), 1e-15,
                        law + " F " + x);
            }
            assertEquals(Double.NEGATIVE_INFINITY, law.foldedLogDensity(-1));
            assertEquals(0, law.foldedCumulativeProbability(-1));
        }
    }

    @Test
    void magnitudeLawsOutsideTheirSupport() {
        for (MagnitudeLaw law : List.<MagnitudeLaw>of(new LognormalLaw(0, 1), new HalfNormalLaw(1), new ExponentialLaw(1),
                new WeibullLaw(2, 1), new GammaLaw(2, 1))) {
            assertEquals(Double.NEGATIVE_INFINITY, law.logDensity(-0.5), law.toString());
            assertEquals(0, law.cumulativeProbability(-0.5), law.toString());
            assertEquals(0, law.cumulativeProbability(0), law.toString());
        }
    }

    @Test
    void parametersAreNamedInTheFamilyOrder() {
        assertEquals(Map.of("mu", -1.0, "sigma", 2.0), new LognormalLaw(-1, 2).parameters());
        assertEquals(List.of("shape", "scale"), List.copyOf(new WeibullLaw(3, 4).parameters().keySet()));
        assertEquals(List.of(3.0, 4.0), List.copyOf(new GammaLaw(3, 4).parameters().values()));
        assertEquals(List.of("beta", "scale"), List.copyOf(new GenNormLaw(1, 2).parameters().keySet()));
    }

    private static void assertMatches(FittedLaw law, ContinuousDistribution oracle, double sign) {
        for (double point : POINTS) {
            double v = sign < 0 ? -point : point;
            assertClose(oracle.logDensity(v), law.logDensity(v), LOG_DENSITY, law + " ln f at " + v);
            assertEquals(oracle.cumulativeProbability(v), law.cumulativeProbability(v), CDF, law + " F at " + v);
            if (law instanceof MagnitudeLaw magnitude) {
                assertClose(oracle.logDensity(v), magnitude.logDensityAtLog(Math.log(v)), LOG_DENSITY,
                        law + " ln f at e^" + Math.log(v));
            }
        }
    }

    private static void assertClose(double expected, double actual, double relative, String label) {
        assertTrue(Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected)),
                () -> label + ": expected " + expected + ", was " + actual);
    }
}
