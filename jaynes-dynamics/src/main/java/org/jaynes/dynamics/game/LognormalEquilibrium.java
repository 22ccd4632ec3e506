package org.jaynes.dynamics.game;

import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;

/**
 * The equilibrium of the connection game on a continuum of strengths (docs/theory.md §2.6): x(w) ∝ e^{u(w)},
 * u = α ln w − β (ln w)², per unit of ln w ({@link BinConvention#LOG}) or of w ({@link BinConvention#LINEAR}),
 * which is the lognormal LN(μ, σ) with σ = 1/√(2β) and μ = α/(2β) or (α + 1)/(2β). Its normaliser is
 * <pre>
 *   Z = ∫ e^{u} d(ln w) = √(π/β) e^{α²/(4β)}          (bins equal in ln w)
 *   Z = ∫ e^{u} dw     = √(π/β) e^{(α+1)²/(4β)}      (bins equal in w),
 * </pre>
 * so that on bins of width Δ (in ln w or in w) and with M agents every agent earns h* = ln Z − ln Δ − ln M
 * at equilibrium, and the large-M potential per agent is φ* = ln Z − ln Δ.
 *
 * @param game          (α, β) and the convention
 * @param mu            μ of ln w
 * @param sigma         σ of ln w
 * @param logPartition  ln Z
 * @param logInverse    (α, β) of LN(μ, σ) read with bins equal in ln w: α = μ/σ², β = 1/(2σ²)
 * @param linearInverse the same with bins equal in w: α = μ/σ² − 1
 */
public record LognormalEquilibrium(GameParameters game, double mu, double sigma, double logPartition,
                                   GameParameters logInverse, GameParameters linearInverse) {

    /** The equilibrium of the game (α, β). */
    public static LognormalEquilibrium of(GameParameters game) {
        if (!(game.beta() > 0) || !Double.isFinite(game.alpha()) || !Double.isFinite(game.beta())) {
            throw new IllegalArgumentException("the game needs a finite alpha and a finite positive beta, not "
                    + game.alpha() + " and " + game.beta());
        }
        double mu = game.mu();
        double sigma = game.sigma();
        double linear = game.convention() == BinConvention.LOG ? game.alpha() : game.alpha() + 1;
        double logPartition = 0.5 * StrictMath.log(Math.PI / game.beta()) + linear * linear / (4 * game.beta());
        return new LognormalEquilibrium(game, mu, sigma, logPartition,
                GameParameters.fromLognormal(mu, sigma, BinConvention.LOG),
                GameParameters.fromLognormal(mu, sigma, BinConvention.LINEAR));
    }

    /** The equilibrium whose lognormal is LN(μ, σ), its game read with {@code convention}. */
    public static LognormalEquilibrium ofLognormal(double mu, double sigma, BinConvention convention) {
        if (!(sigma > 0 && sigma < Double.POSITIVE_INFINITY) || !Double.isFinite(mu)) {
            throw new IllegalArgumentException("the lognormal needs a finite mu and a finite positive sigma, not "
                    + mu + " and " + sigma);
        }
        return of(GameParameters.fromLognormal(mu, sigma, convention));
    }

    /** e^μ, the median of w. */
    public double median() {
        return StrictMath.exp(mu);
    }

    /** e^{μ + σ²/2}, the mean of w. */
    public double mean() {
        return StrictMath.exp(mu + sigma * sigma / 2);
    }

    /** e^{μ − σ²}, the mode of the density of w. */
    public double mode() {
        return StrictMath.exp(mu - sigma * sigma);
    }

    /** μ of the same (α, β) read with the other bin convention: they differ by 1/(2β). */
    public double otherConventionMu() {
        BinConvention other = game.convention() == BinConvention.LOG ? BinConvention.LINEAR : BinConvention.LOG;
        return new GameParameters(game.alpha(), game.beta(), other).mu();
    }
}
