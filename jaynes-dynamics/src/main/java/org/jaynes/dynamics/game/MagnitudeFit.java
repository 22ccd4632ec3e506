package org.jaynes.dynamics.game;

import org.jaynes.core.stats.Moments;

/**
 * The lognormal fitted to a population of the game by moments of ln w: μ = Σ_k x_k ln w_k and
 * σ² = Σ_k x_k (ln w_k − μ)² (divided by the total, as the maximum-likelihood fit of docs/theory.md §5.1).
 * NaN for an empty population.
 *
 * @param mu    mean of ln w
 * @param sigma standard deviation of ln w
 */
public record MagnitudeFit(double mu, double sigma) {

    /** The fit of non-negative weights per bin (shares or counts as doubles), by two passes. */
    public static MagnitudeFit of(Bins bins, double[] weights) {
        double total = 0;
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            total += weights[k];
            sum += weights[k] * bins.lnStrength(k);
        }
        if (!(total > 0)) {
            return new MagnitudeFit(Double.NaN, Double.NaN);
        }
        double mean = sum / total;
        double squares = 0;
        for (int k = 0; k < weights.length; k++) {
            double d = bins.lnStrength(k) - mean;
            squares += weights[k] * d * d;
        }
        return new MagnitudeFit(mean, Math.sqrt(squares / total));
    }

    /** The fit of counts per bin, exact for any count up to 2^63 (through {@link Moments}). */
    public static MagnitudeFit ofCounts(Bins bins, long[] counts) {
        Moments moments = new Moments();
        for (int k = 0; k < counts.length; k++) {
            moments.addRepeated(bins.lnStrength(k), counts[k]);
        }
        return new MagnitudeFit(moments.mean(), moments.standardDeviation());
    }
}
