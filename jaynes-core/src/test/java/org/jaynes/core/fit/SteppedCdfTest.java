package org.jaynes.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stepped CDF against the exact one, at ascending points as the KS walks ask for them. */
class SteppedCdfTest {

    @ParameterizedTest(name = "gamma shape {0} scale {1}")
    @CsvSource({"0.3, 0.01", "1.7, 0.02", "40, 0.001", "2000, 1"})
    void gammaInLnXFollowsTheExactCdf(double shape, double scale) {
        GammaLaw law = new GammaLaw(shape, scale);
        double constant = -LogGamma.value(shape) - shape * Math.log(scale);
        DoubleUnaryOperator stepped = new SteppedCdf(law::cumulativeProbabilityAtLog,
                u -> Math.exp(constant + shape * u - Math.exp(u) / scale), 0x1p-12, false);
        double centre = Math.log(shape * scale);
        double spread = 6 / Math.sqrt(shape) + 1;
        for (double u = centre - spread; u < centre + spread; u += 0x1p-14 * (1 + (u % 0.37 > 0.3 ? 40 : 0))) {
            assertEquals(law.cumulativeProbabilityAtLog(u), stepped.applyAsDouble(u), 1e-12, "u " + u);
        }
    }

    @ParameterizedTest(name = "gennorm beta {0} scale {1}")
    @CsvSource({"0.6, 0.02", "1, 0.05", "2, 0.02", "3.5, 1"})
    void generalisedNormalFollowsTheExactCdfAcrossZero(double beta, double scale) {
        GenNormLaw law = new GenNormLaw(beta, scale);
        double constant = Math.log(beta) - Math.log(2) - Math.log(scale) - LogGamma.value(1 / beta);
        DoubleUnaryOperator stepped = new SteppedCdf(law::cumulativeProbability,
                w -> Math.exp(constant - Math.pow(Math.abs(w) / scale, beta)), 0x1p-8 * scale, true);
        // Points spaced like fine cells: a constant ratio away from 0 on each side.
        for (double w = -8 * scale; w < -1e-6 * scale; w *= 1 - 0x1p-12) {
            assertEquals(law.cumulativeProbability(w), stepped.applyAsDouble(w), 1e-12, "w " + w);
        }
        for (double w = 1e-6 * scale; w < 8 * scale; w *= 1 + 0x1p-12) {
            assertEquals(law.cumulativeProbability(w), stepped.applyAsDouble(w), 1e-12, "w " + w);
        }
    }
}
