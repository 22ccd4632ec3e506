package org.jaynes.core.theory;

import java.io.Serializable;

/**
 * The benefit and cost coefficients of the connection game, h = α ln w − β (ln w)² − ln M, whose
 * arbitrage equilibrium is the lognormal LN(μ, σ) (docs/theory.md §2.6):
 * β = 1/(2σ²) always; α = μ/σ² with bins equal in ln w, α = μ/σ² − 1 with bins equal in w.
 *
 * @param alpha      the benefit coefficient; depends on the unit of w
 * @param beta       the cost coefficient; positive, scale-free
 * @param convention the binning that relates (α, β) to (μ, σ)
 */
public record GameParameters(double alpha, double beta, BinConvention convention) implements Serializable {

    public GameParameters {
        if (!(beta > 0) && !Double.isNaN(beta)) {
            throw new IllegalArgumentException("beta must be positive, not " + beta);
        }
    }

    /** The game whose equilibrium is LN(mu, sigma); NaN coefficients when sigma is not positive. */
    public static GameParameters fromLognormal(double mu, double sigma, BinConvention convention) {
        if (!(sigma > 0)) {
            return new GameParameters(Double.NaN, Double.NaN, convention);
        }
        double variance = sigma * sigma;
        double alpha = convention == BinConvention.LOG ? mu / variance : mu / variance - 1;
        return new GameParameters(alpha, 1 / (2 * variance), convention);
    }

    /** σ = 1/√(2β) of the equilibrium lognormal. */
    public double sigma() {
        return 1 / Math.sqrt(2 * beta);
    }

    /** μ of the equilibrium lognormal: α/(2β) or (α + 1)/(2β). */
    public double mu() {
        return convention == BinConvention.LOG ? alpha / (2 * beta) : (alpha + 1) / (2 * beta);
    }

    /** The utility without competition, u(w) = α ln w − β (ln w)², as a function of ln w. */
    public double utility(double lnW) {
        return alpha * lnW - beta * lnW * lnW;
    }
}
