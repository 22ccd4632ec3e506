package org.jaynes.core.fit;

/**
 * Moments of x^k over a population of magnitudes x = e^u, as the Weibull and generalised-normal
 * likelihoods need them: ln mean x^k, and the mean and variance of u under the weights x^k ("tilted"
 * by k): T = Σ x^k u / Σ x^k and V = Σ x^k (u − T)² / Σ x^k. Note d ln mean x^k / dk = T and dT/dk = V.
 *
 * <p>Accumulated against a reference u₀ ≥ every u (terms e^(k(u − u₀)) ≤ 1 cannot overflow; those that
 * underflow weigh less than e^-745 of the largest), with compensated sums. Each cell contributes its
 * count at its midpoint (or at the mean of a coarse cell).
 *
 * @param lnMeanPower    ln mean x^k
 * @param tiltedMean     T
 * @param tiltedVariance V
 */
record PowerMoments(double lnMeanPower, double tiltedMean, double tiltedVariance) {

    /**
     * ln mean x^(k + δ) from the cumulant expansion ln mean x^k + δT + δ²V/2, whose error is of order
     * δ³ times the third tilted cumulant: how a Newton step's new exponent gets its mean power without
     * another pass.
     */
    double lnMeanPowerAt(double delta) {
        return lnMeanPower + delta * tiltedMean + 0.5 * delta * delta * tiltedVariance;
    }

    /** The moments at exponent k over the coarse cells. */
    static PowerMoments over(CoarseCells cells, long n, double k) {
        Accumulator sums = new Accumulator(k, cells.maxLog());
        for (int j = 0; j < cells.size(); j++) {
            sums.add(cells.meanLog(j), cells.count(j));
        }
        return sums.result(n);
    }

    /** Sums over cells, one at a time. Not thread-safe. */
    static final class Accumulator {

        private final double k;
        private final double reference;
        private final CompensatedSum weight = new CompensatedSum();
        private final CompensatedSum first = new CompensatedSum();
        private final CompensatedSum second = new CompensatedSum();

        /** Sums for exponent {@code k} against {@code reference} ≥ every u to come. */
        Accumulator(double k, double reference) {
            this.k = k;
            this.reference = reference;
        }

        /** Adds {@code count} values at u. */
        void add(double u, double count) {
            double d = u - reference;
            double w = count * Math.exp(k * d);
            weight.add(w);
            first.add(w * d);
            second.add(w * d * d);
        }

        /** The moments over {@code n} values. */
        PowerMoments result(long n) {
            double s0 = weight.value();
            double mean = first.value() / s0;
            double variance = Math.max(0, second.value() / s0 - mean * mean);
            return new PowerMoments(k * reference + Math.log(s0 / n), reference + mean, variance);
        }
    }
}
