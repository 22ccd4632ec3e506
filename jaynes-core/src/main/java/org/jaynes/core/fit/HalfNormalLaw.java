package org.jaynes.core.fit;

import java.util.Map;
import org.apache.commons.numbers.gamma.Erf;
import org.jaynes.core.stats.FitInput;

/**
 * The half-normal law |N(0, s²)|: density f(x) = √(2/π) exp(−x²/(2s²)) / s on x ≥ 0, the fold of
 * {@link NormalLaw} with the same scale.
 *
 * <p>Maximum likelihood: ŝ² = mean x². ln L = n(½ ln(2/π) − ln s − mean x²/(2s²)), from the exact sum of
 * squares.
 *
 * @param scale s &gt; 0
 */
public record HalfNormalLaw(double scale) implements MagnitudeLaw {

    private static final double HALF_LN_TWO_OVER_PI = 0.5 * Math.log(2 / Math.PI);
    private static final double SQRT2 = Math.sqrt(2);

    /** The maximum-likelihood half-normal of a population. */
    public static HalfNormalLaw fit(FitInput input) {
        return new HalfNormalLaw(Math.sqrt(input.meanSquare()));
    }

    @Override
    public Family family() {
        return Family.HALFNORMAL;
    }

    @Override
    public Map<String, Double> parameters() {
        return Parameters.of(family(), scale);
    }

    @Override
    public LogDensity logDensityFunction() {
        double constant = HALF_LN_TWO_OVER_PI - Math.log(scale);
        return (u, x) -> {
            double z = x / scale;
            return constant - 0.5 * z * z;
        };
    }

    @Override
    public double cumulativeProbabilityAtLog(double u) {
        return Erf.value(Math.exp(u) / (scale * SQRT2));
    }

    /** ln L over the population's n magnitudes, from its exact sums. */
    public double logLikelihood(FitInput input) {
        return input.n() * (HALF_LN_TWO_OVER_PI - Math.log(scale) - input.meanSquare() / (2 * scale * scale));
    }
}
