package org.jaynes.core.fit;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Trigamma;

/**
 * The maximum-likelihood shape β of a zero-centred generalised normal law, by its profile likelihood.
 * For a given β the likelihood is maximised by s(β)^β = β M(β), M(β) = mean |w|^β, which leaves
 * ℓ(β)/n = ln β − ln 2 − (ln β + ln M)/β − ln Γ(1/β) − 1/β. Its stationary point is the root of
 * h(β) = β²ℓ'(β)/n = β + ln β + ln M(β) + ψ(1/β) − β T(β), with T = d ln M/dβ ({@link PowerMoments}), and
 * h'(β) = 1 + 1/β − ψ'(1/β)/β² − β V(β), negative at the maximum. Only |w| enters.
 *
 * <p>Started from the β whose law has the population's variance of ln|w| (Var ln|W| = ψ'(1/β)/β², which
 * falls from ∞ to 1 as β grows; β₀ = 20 when the variance is at most 1), then {@link RootFinder} on
 * [1e-3, 1e3]; a maximum beyond the range is reported at its end. The profile likelihood is assumed
 * unimodal, as it is for every population tried. The solve runs on {@link CoarseCells};
 * {@link #newtonStep} polishes it with sums over the full cells.
 */
final class GenNormShape {

    static final double MIN = 1e-3;
    static final double MAX = 1e3;

    private GenNormShape() {
    }

    /** The shape fitted on coarse cells of ln|w|; NaN when {@code varianceLog} is not positive. */
    static double solve(CoarseCells cells, long n, double varianceLog) {
        if (!(varianceLog > 0)) {
            return Double.NaN;
        }
        return RootFinder.solve(beta -> {
            PowerMoments moments = PowerMoments.over(cells, n, beta);
            return new RootFinder.Point(h(beta, moments), slope(beta, moments));
        }, guess(varianceLog), MIN, MAX, false);
    }

    /** The Newton step −h(β)/h'(β) from β, given the moments at β. */
    static double newtonStep(double beta, PowerMoments moments) {
        return -h(beta, moments) / slope(beta, moments);
    }

    /** s = (β M)^(1/β). */
    static double scale(double beta, double lnMeanPower) {
        return Math.exp((Math.log(beta) + lnMeanPower) / beta);
    }

    private static double h(double beta, PowerMoments moments) {
        return beta + Math.log(beta) + moments.lnMeanPower() + Digamma.value(1 / beta)
                - beta * moments.tiltedMean();
    }

    private static double slope(double beta, PowerMoments moments) {
        return 1 + 1 / beta - Trigamma.value(1 / beta) / (beta * beta) - beta * moments.tiltedVariance();
    }

    /** β with ψ'(1/β)/β² = v, by bisection in ln β on [0.01, 20] (a starting point only). */
    private static double guess(double v) {
        double lo = Math.log(0.01);
        double hi = Math.log(20);
        for (int i = 0; i < 40; i++) {
            double mid = (lo + hi) / 2;
            double beta = Math.exp(mid);
            if (Trigamma.value(1 / beta) / (beta * beta) > v) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp((lo + hi) / 2);
    }
}
