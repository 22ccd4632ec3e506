package org.jaynes.core.fit;

/**
 * The maximum-likelihood shape of a Weibull law (location 0): the root k of
 * g(k) = T(k) − 1/k − mean ln x, where T(k) = Σ x^k ln x / Σ x^k ({@link PowerMoments}). Since
 * g'(k) = V(k) + 1/k² &gt; 0, g rises from −∞ to ln max x − mean ln x &gt; 0 and the root is unique unless
 * all magnitudes are equal. Started from k₀ = π / (σ√6), exact when ln x is the log of a Weibull variable
 * (Var ln X = π²/(6k²)), then {@link RootFinder}. The scale follows: λ^k = mean x^k.
 *
 * <p>The solve runs on {@link CoarseCells}, where each evaluation is cheap; {@link #newtonStep} then
 * polishes the root with sums over the full cells. Reference: A. C. Cohen, "Maximum likelihood estimation in
 * the Weibull distribution based on complete and on censored samples", Technometrics 7(4) (1965) 579–588.
 */
final class WeibullShape {

    private static final double MIN = 1e-6;
    private static final double MAX = 1e6;

    private WeibullShape() {
    }

    /** The shape fitted on coarse cells of ln x; NaN when {@code varianceLog} is not positive. */
    static double solve(CoarseCells cells, long n, double meanLog, double varianceLog) {
        double guess = Math.PI / Math.sqrt(6 * varianceLog);
        return RootFinder.solve(k -> {
            PowerMoments moments = PowerMoments.over(cells, n, k);
            return new RootFinder.Point(g(k, moments, meanLog), moments.tiltedVariance() + 1 / (k * k));
        }, guess, MIN, MAX, true);
    }

    /** The Newton step −g(k)/g'(k) from shape k, given the moments at k. */
    static double newtonStep(double k, PowerMoments moments, double meanLog) {
        return -g(k, moments, meanLog) / (moments.tiltedVariance() + 1 / (k * k));
    }

    private static double g(double k, PowerMoments moments, double meanLog) {
        return moments.tiltedMean() - meanLog - 1 / k;
    }

    /** λ = (mean x^k)^(1/k). */
    static double scale(double k, double lnMeanPower) {
        return Math.exp(lnMeanPower / k);
    }
}
