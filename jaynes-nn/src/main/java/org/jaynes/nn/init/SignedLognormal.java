package org.jaynes.nn.init;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.jaynes.core.Checks;

/**
 * The law of w = s·exp(μ + σ z) with z ~ N(0, 1) and a sign s = ±1 of probability ½ each: |w| is
 * LN(μ, σ), E[w²] = exp(2μ + 2σ²).
 *
 * @param mu    mean of ln|w|, finite
 * @param sigma standard deviation of ln|w|, positive and finite
 */
public record SignedLognormal(double mu, double sigma) {

    public SignedLognormal {
        if (!(Math.abs(mu) < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("mu must be finite, not " + mu);
        }
        Checks.positiveFinite("sigma", sigma);
    }

    /** The μ that gives E[w²] = 2/fan_in, He's, for this σ: ½ ln(2/fan_in) − σ². */
    public static double heMu(int fanIn, double sigma) {
        return 0.5 * Math.log(2.0 / fanIn) - sigma * sigma;
    }

    /**
     * The maximum-likelihood fit to the non-zero values of {@code w}: μ = mean ln|w|, σ = std ln|w| (divided
     * by the count).
     *
     * @throws IllegalArgumentException when fewer than two values are non-zero or all have one magnitude
     */
    public static SignedLognormal fit(float[] w) {
        long n = 0;
        double mean = 0;
        double sumSquares = 0;
        for (float value : w) {
            if (value != 0) {
                double x = Math.log(Math.abs(value));
                n++;
                double delta = x - mean;
                mean += delta / n;
                sumSquares += delta * (x - mean);
            }
        }
        if (!(n > 1 && sumSquares > 0)) {
            throw new IllegalArgumentException("no lognormal fits " + n + " non-zero values of one magnitude");
        }
        return new SignedLognormal(mean, Math.sqrt(sumSquares / n));
    }

    /** E[w²] = exp(2μ + 2σ²). */
    public double meanSquare() {
        return Math.exp(2 * mu + 2 * sigma * sigma);
    }

    /** Fills {@code weight} with independent draws: per element one Gaussian, then one sign. */
    public void fill(float[] weight, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < weight.length; i++) {
            double magnitude = Math.exp(mu + sigma * z.sample());
            weight[i] = (float) (rng.nextBoolean() ? magnitude : -magnitude);
        }
    }
}
