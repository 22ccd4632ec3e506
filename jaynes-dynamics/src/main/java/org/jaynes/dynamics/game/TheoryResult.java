package org.jaynes.dynamics.game;

import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;

/**
 * What the theory says about one game before any dynamics: the continuum lognormal, and the game on a
 * grid of K strengths with M agents, both for many agents (x* ∝ e^{u_k}, h* = ln Σ e^{u_k} − ln M,
 * φ* = ln Σ e^{u_k}) and exactly ({@link FiniteEquilibrium}: the counts that maximise M·φ, which every
 * better- or best-response run ends at). The continuum's φ* = ln Z − ln Δ matches the grid's when the grid
 * is fine and wide; their difference is reported as the discretisation error.
 *
 * @param continuum      the lognormal equilibrium
 * @param bins           the grid
 * @param agents         M
 * @param binWidth       Δ of the grid: in ln w (log) or in w (linear)
 * @param potential      φ* per agent on the grid, large M
 * @param utility        h* = φ* − ln M
 * @param fit            μ and σ of x* on the grid
 * @param exactPotential the maximum of M·φ divided by M
 * @param exactFit       μ and σ of the exact finite-M equilibrium
 * @param exactGap       KL(x_M ‖ x*) of the exact finite-M equilibrium: what finite M leaves
 */
public record TheoryResult(LognormalEquilibrium continuum, Bins bins, long agents, double binWidth,
                           double potential, double utility, MagnitudeFit fit, double exactPotential,
                           MagnitudeFit exactFit, double exactGap) {

    /** The theory of {@code game} on {@code bins} with {@code agents} agents. */
    public static TheoryResult of(GameParameters game, Bins bins, long agents) {
        LognormalEquilibrium continuum = LognormalEquilibrium.of(game);
        Game onGrid = Game.of(bins, game);
        double[][] u = onGrid.utilities();
        Equilibrium equilibrium = onGrid.equilibrium();
        FiniteEquilibrium exact = FiniteEquilibrium.of(u[0], agents);
        double[] shares = new double[bins.size()];
        for (int k = 0; k < shares.length; k++) {
            shares[k] = (double) exact.counts()[k] / agents;
        }
        int last = bins.size() - 1;
        double width = bins.convention() == BinConvention.LOG
                ? (bins.lnStrength(last) - bins.lnStrength(0)) / last
                : (bins.maxStrength() - bins.minStrength()) / last;
        return new TheoryResult(continuum, bins, agents, width, equilibrium.potential(),
                equilibrium.potential() - StrictMath.log(agents), equilibrium.fit(bins), exact.potential() / agents,
                MagnitudeFit.ofCounts(bins, exact.counts()), equilibrium.arbitrageGap(u, new double[][] {shares}));
    }

    /** ln Z − ln Δ: the continuum's φ* on bins of this width. */
    public double continuumPotential() {
        return continuum.logPartition() - StrictMath.log(binWidth);
    }
}
