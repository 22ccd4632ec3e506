package org.jaynes.core.fit;

import java.util.Map;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.StandardNormal;

/**
 * The lognormal law: ln x ~ N(μ, σ²), density f(x) = exp(−(ln x − μ)²/(2σ²)) / (xσ√(2π)).
 *
 * <p>Maximum likelihood has a closed form: μ̂ = mean ln x, σ̂² = mean (ln x − μ̂)² (divided by n). The
 * log-likelihood needs only Σ ln x and Σ (ln x)²: ln L = −n(m + ln σ + ½ ln 2π + (v + (m − μ)²)/(2σ²)),
 * with m and v the mean and variance of ln x. Accuracy: that of the sums, a few ulps.
 *
 * @param mu    μ, the mean of ln x
 * @param sigma σ &gt; 0, the standard deviation of ln x
 */
public record LognormalLaw(double mu, double sigma) implements MagnitudeLaw {

    static final double HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /** The maximum-likelihood lognormal of a population. */
    public static LognormalLaw fit(FitInput input) {
        return new LognormalLaw(input.meanLog(), Math.sqrt(input.varianceLog()));
    }

    @Override
    public Family family() {
        return Family.LOGNORMAL;
    }

    @Override
    public Map<String, Double> parameters() {
        return Parameters.of(family(), mu, sigma);
    }

    @Override
    public LogDensity logDensityFunction() {
        double constant = -Math.log(sigma) - HALF_LN_TWO_PI;
        return (u, x) -> {
            double z = (u - mu) / sigma;
            return constant - u - 0.5 * z * z;
        };
    }

    @Override
    public double cumulativeProbabilityAtLog(double u) {
        return StandardNormal.cdf((u - mu) / sigma);
    }

    /** ln L over the population's n magnitudes, from its exact sums. */
    public double logLikelihood(FitInput input) {
        double offset = input.meanLog() - mu;
        return -input.n() * (input.meanLog() + Math.log(sigma) + HALF_LN_TWO_PI
                + (input.varianceLog() + offset * offset) / (2 * sigma * sigma));
    }
}
