package org.jaynes.dynamics.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.Equilibrium;
import org.jaynes.dynamics.game.Game;
import org.junit.jupiter.api.Test;

class ReplicatorEngineTest {

    private static Game game(double alpha, double beta, BinConvention convention) {
        GameParameters params = new GameParameters(alpha, beta, convention);
        return Game.of(Bins.defaultFor(convention, List.of(params)), params);
    }

    @Property(tries = 30)
    void reachesTheEquilibriumWithinAGapOf1eMinus6(@ForAll @DoubleRange(min = -10, max = 30) double alpha,
            @ForAll @DoubleRange(min = 0.5, max = 8) double beta, @ForAll BinConvention convention,
            @ForAll long seed) {
        Game game = game(alpha, beta, convention);
        // Any start with every bin occupied (the replicator never fills an empty bin): random positive weights.
        org.apache.commons.rng.UniformRandomProvider rng = org.apache.commons.rng.simple.RandomSource
                .XO_RO_SHI_RO_128_PP.create(seed);
        double[] weights = new double[game.bins().size()];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = rng.nextDouble() + 1e-9;
        }
        StartingState start = new StartingState.Given(weights);
        SimulationResult result = Simulation.run(game, SimulationOptions.DEFAULTS
                .withDynamics(new Dynamics.Replicator(0.1)).withStart(start), Simulation.Progress.NONE);
        assertEquals(StopReason.GAP_BELOW_TOLERANCE, result.stopReason());
        double[] x = result.finalShares();
        double[] star = game.equilibrium().total();
        double kl = 0;
        for (int k = 0; k < x.length; k++) {
            kl += x[k] * Math.log(x[k] / star[k]);
        }
        assertTrue(kl < 1e-6, "KL " + kl);
        assertTrue(result.last().arbitrageGap() < 1e-12);
    }

    /**
     * For one kind, h_k − h̄ = u_k − ln x_k + const, so each exponential Euler step maps
     * ln x ↦ (1 − Δt) ln x + Δt u + const: after n steps ln x_n = (1 − Δt)^n ln x_0 + (1 − (1 − Δt)^n) u up
     * to a constant. The engine must follow this closed form to rounding (1e-10 in ln x after 50 steps).
     */
    @Test
    void followsTheClosedFormOfItsStepRule() {
        Game game = game(4, 1.5, BinConvention.LOG);
        double[] u = game.utilities()[0];
        double[] start = new StartingState.GaussianMagnitude(0.3).shares(game.bins());
        double step = 0.07;
        ReplicatorEngine engine = new ReplicatorEngine(new double[][] {u}, new double[][] {start}, new double[] {1},
                step);
        engine.run(50);
        double decay = Math.pow(1 - step, 50);
        double[] expected = new double[u.length];
        for (int k = 0; k < u.length; k++) {
            expected[k] = decay * Math.log(start[k]) + (1 - decay) * u[k];
        }
        double shift = Equilibrium.logSumExp(expected);
        double[] x = engine.shares()[0];
        for (int k = 0; k < u.length; k++) {
            assertEquals(expected[k] - shift, Math.log(x[k]), 1e-10, "bin " + k);
        }
    }

    @Test
    void fromGaussianMagnitudesThePotentialNeverFallsAndEndsAtPhiStar() {
        Game game = game(12, 2, BinConvention.LOG);
        SimulationResult result = Simulation.run(game, SimulationOptions.DEFAULTS
                .withDynamics(new Dynamics.Replicator(0.1)).withStart(new StartingState.GaussianMagnitude(20)),
                Simulation.Progress.NONE);
        assertEquals(StopReason.GAP_BELOW_TOLERANCE, result.stopReason());
        for (int i = 1; i < result.trace().size(); i++) {
            assertTrue(result.trace().get(i).potential() >= result.trace().get(i - 1).potential() - 1e-12);
        }
        assertEquals(game.equilibrium().potential(), result.last().potential(), 1e-10);
    }

    @Test
    void aStepOfOneJumpsToTheEquilibrium() {
        Game game = game(12, 2, BinConvention.LOG);
        double[] u = game.utilities()[0];
        ReplicatorEngine engine = new ReplicatorEngine(new double[][] {u},
                new double[][] {new StartingState.Uniform().shares(game.bins())}, new double[] {1}, 1);
        engine.run(1);
        double[] star = game.equilibrium().total();
        double[] x = engine.shares()[0];
        for (int k = 0; k < x.length; k++) {
            assertEquals(star[k], x[k], 1e-12 * Math.max(star[k], 1e-300) + 1e-300);
        }
    }
}
