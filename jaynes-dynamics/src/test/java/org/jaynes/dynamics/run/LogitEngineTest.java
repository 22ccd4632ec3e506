package org.jaynes.dynamics.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.Equilibrium;
import org.jaynes.dynamics.game.Game;
import org.junit.jupiter.api.Test;

class LogitEngineTest {

    private static final GameParameters PARAMS = new GameParameters(12, 2, BinConvention.LOG);
    private static final Game GAME = Game.of(Bins.defaultFor(BinConvention.LOG, List.of(PARAMS)), PARAMS);

    private static double kl(double[] x, double[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            if (x[k] > 0) {
                sum += x[k] * Math.log(x[k] / y[k]);
            }
        }
        return sum;
    }

    /**
     * Logit's rest point is x^T ∝ exp(u/(1+T)), so at T = 0.01 it sits KL ≈ ½ (T/(1+T))² Var_x*(u) ≈ 2.5e-5
     * from x* (Var_x*(u) = 1/2 for a Gaussian), plus the finite-M fluctuation ≈ K T / (2M) ≈ 6e-6 and
     * rounding; the replicator reaches x* itself (gap 1e-12). So both end at the same x*, logit within
     * 1e-4, and logit's own rest point is matched better still.
     */
    @Test
    void logitAndReplicatorReachTheSameEquilibrium() {
        SimulationResult logit = Simulation.run(GAME, SimulationOptions.DEFAULTS.withAgents(100_000).withSeed(11)
                .withDynamics(new Dynamics.Logit(0.01)), Simulation.Progress.NONE);
        SimulationResult replicator = Simulation.run(GAME, SimulationOptions.DEFAULTS
                .withDynamics(new Dynamics.Replicator(0.1)), Simulation.Progress.NONE);
        assertTrue(replicator.last().arbitrageGap() < 1e-6);
        double toReplicator = kl(logit.finalShares(), replicator.finalShares());
        assertTrue(toReplicator < 1e-4, "KL(logit || replicator) " + toReplicator);
        assertTrue(logit.last().arbitrageGap() < 1e-4, "gap " + logit.last().arbitrageGap());
        assertEquals(3, logit.last().fit().mu(), 0.01);
        assertEquals(0.5 * Math.sqrt(1.01), logit.last().fit().sigma(), 0.005);
    }

    /** A regression guard: at T = 1e-4 a stay weight of e^{ln 2 / T} once overflowed; logit must act as best response. */
    @Test
    void aVerySmallTemperatureBehavesLikeBestResponse() {
        SimulationResult result = Simulation.run(GAME, SimulationOptions.DEFAULTS.withAgents(20_000).withSeed(5)
                .withDynamics(new Dynamics.Logit(1e-4)).withMaxSweeps(20), Simulation.Progress.NONE);
        for (Snapshot s : result.trace()) {
            assertTrue(Double.isFinite(s.potential()) && Double.isFinite(s.arbitrageGap()), s.toString());
        }
        assertTrue(result.last().arbitrageGap() < 1e-3, "gap " + result.last().arbitrageGap());
    }

    /** At T = 1 the noise counts as much as the competition: the shares settle at x ∝ exp(u/2), σ = √2 · σ*. */
    @Test
    void atTemperatureOneLogitSettlesAtItsOwnRestPointNotAtXStar() {
        Game wide = Game.of(Bins.of(BinConvention.LOG, 128, Math.exp(3 - 6 * 0.7072), Math.exp(3 + 6 * 0.7072)),
                PARAMS);
        SimulationResult result = Simulation.run(wide, SimulationOptions.DEFAULTS.withAgents(100_000).withSeed(4)
                .withDynamics(new Dynamics.Logit(1)).withMaxSweeps(20), Simulation.Progress.NONE);
        double[] u = wide.utilities()[0];
        double[] half = new double[u.length];
        for (int k = 0; k < u.length; k++) {
            half[k] = u[k] / 2;
        }
        double[] rest = Equilibrium.of(new double[][] {half}, new double[] {1}).total();
        double toRest = kl(result.finalShares(), rest);
        assertTrue(toRest < 1e-3, "KL to exp(u/2): " + toRest);
        assertTrue(result.last().arbitrageGap() > 0.05, "far from x*: " + result.last().arbitrageGap());
        assertEquals(Math.sqrt(2) * 0.5, result.prediction().sigma(), 1e-12);
        assertEquals(result.prediction().sigma(), result.last().fit().sigma(), 0.01);
    }
}
