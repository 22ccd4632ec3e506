package org.jaynes.core.fit;

import java.util.Map;
import org.jaynes.core.stats.FitInput;

/**
 * The Weibull law: P(X &gt; x) = exp(−(x/λ)^k), density f(x) = (k/λ)(x/λ)^(k−1) exp(−(x/λ)^k) on x &gt; 0.
 *
 * <p>Maximum likelihood ({@link WeibullShape}): k̂ solves Σ x^k ln x / Σ x^k − 1/k = mean ln x, and then
 * λ̂^k = mean x^k. ln L = n(ln k − k ln λ + (k − 1) mean ln x − mean (x/λ)^k): the last mean has no exact
 * sum and comes from the cells.
 *
 * @param shape k &gt; 0
 * @param scale λ &gt; 0
 */
public record WeibullLaw(double shape, double scale) implements MagnitudeLaw {

    @Override
    public Family family() {
        return Family.WEIBULL;
    }

    @Override
    public Map<String, Double> parameters() {
        return Parameters.of(family(), shape, scale);
    }

    @Override
    public LogDensity logDensityFunction() {
        double lnScale = Math.log(scale);
        double constant = Math.log(shape) - lnScale;
        return (u, x) -> constant + (shape - 1) * (u - lnScale) - Math.exp(shape * (u - lnScale));
    }

    @Override
    public double cumulativeProbabilityAtLog(double u) {
        return -Math.expm1(-Math.exp(shape * (u - Math.log(scale))));
    }

    /**
     * ln L over the population's n magnitudes.
     *
     * @param input             the population's exact sums
     * @param meanScaledPower   mean (x/λ)^k over the population (1 at the maximum-likelihood fit)
     */
    public double logLikelihood(FitInput input, double meanScaledPower) {
        return input.n() * (Math.log(shape) - shape * Math.log(scale) + (shape - 1) * input.meanLog()
                - meanScaledPower);
    }
}
