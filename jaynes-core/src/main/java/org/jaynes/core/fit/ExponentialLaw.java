package org.jaynes.core.fit;

import java.util.Map;
import org.jaynes.core.stats.FitInput;

/**
 * The exponential law: density f(x) = e^(−x/s) / s on x ≥ 0, the fold of {@link LaplaceLaw} with the same
 * scale.
 *
 * <p>Maximum likelihood: ŝ = mean x. ln L = −n(ln s + mean x / s), from the exact sum of magnitudes.
 *
 * @param scale s &gt; 0, the mean
 */
public record ExponentialLaw(double scale) implements MagnitudeLaw {

    /** The maximum-likelihood exponential law of a population. */
    public static ExponentialLaw fit(FitInput input) {
        return new ExponentialLaw(input.meanAbs());
    }

    @Override
    public Family family() {
        return Family.EXPONENTIAL;
    }

    @Override
    public Map<String, Double> parameters() {
        return Parameters.of(family(), scale);
    }

    @Override
    public LogDensity logDensityFunction() {
        double constant = -Math.log(scale);
        return (u, x) -> constant - x / scale;
    }

    @Override
    public double cumulativeProbabilityAtLog(double u) {
        return -Math.expm1(-Math.exp(u) / scale);
    }

    /** ln L over the population's n magnitudes, from its exact sums. */
    public double logLikelihood(FitInput input) {
        return -input.n() * (Math.log(scale) + input.meanAbs() / scale);
    }
}
