package org.jaynes.dynamics.run;

import java.util.List;
import java.util.OptionalDouble;
import org.jaynes.dynamics.game.Game;
import org.jaynes.dynamics.game.MagnitudeFit;

/**
 * A finished run.
 *
 * @param game              the game played
 * @param options           how it was run
 * @param prediction        μ and σ of the lognormal the dynamics should reach on a continuum of strengths:
 *                          (α/(2β) or (α + 1)/(2β), 1/√(2β)), with logit's widening by 1 + T; NaN for two
 *                          kinds or a budget, whose equilibria are not lognormal
 * @param equilibriumFit    μ and σ of the discrete equilibrium x* on the game's grid
 * @param equilibriumShares ξ*_k per bin
 * @param trace             the monitors after every sweep (and before and after a shock), from time 0
 * @param stopReason        why the run ended
 * @param revisions         revisions made (replicator: steps)
 * @param finalShares       ξ_k per bin at the end
 * @param shockTime         when the shock struck, if it did
 */
public record SimulationResult(Game game, SimulationOptions options, MagnitudeFit prediction,
                               MagnitudeFit equilibriumFit, double[] equilibriumShares, List<Snapshot> trace,
                               StopReason stopReason, long revisions, double[] finalShares,
                               OptionalDouble shockTime) {

    public SimulationResult {
        trace = List.copyOf(trace);
        equilibriumShares = equilibriumShares.clone();
        finalShares = finalShares.clone();
    }

    /** The last snapshot: the final state. */
    public Snapshot last() {
        return trace.get(trace.size() - 1);
    }

    @Override
    public double[] equilibriumShares() {
        return equilibriumShares.clone();
    }

    @Override
    public double[] finalShares() {
        return finalShares.clone();
    }
}
