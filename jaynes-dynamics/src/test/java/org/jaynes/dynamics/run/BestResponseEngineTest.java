package org.jaynes.dynamics.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.FiniteEquilibrium;
import org.jaynes.dynamics.game.Game;
import org.jaynes.dynamics.game.Potential;
import org.jaynes.dynamics.state.Population;
import org.junit.jupiter.api.Test;

class BestResponseEngineTest {

    private static final GameParameters PARAMS = new GameParameters(12, 2, BinConvention.LOG);

    /** Each move goes to the best bin for the mover, and raises M·φ by its gain (as for better response). */
    @Property(tries = 20)
    void everyMoveIsToTheBestBin(@ForAll @IntRange(min = 2, max = 30) int bins, @ForAll long seed) {
        Game game = TwoKinds.game(Bins.of(BinConvention.LOG, bins, Math.exp(1), Math.exp(5)), PARAMS, 9, 0.4);
        double[][] u = game.utilities();
        long[][] counts = new long[2][bins];
        counts[0][0] = 300;
        counts[1][bins - 1] = 200;
        Population population = new Population(counts);
        BestResponseEngine engine = new BestResponseEngine(population, u, RandomSource.XO_RO_SHI_RO_128_PP
                .create(seed));
        double[] gains = new double[1];
        engine.listener((kind, from, to, gain) -> {
            gains[0] = gain;
            for (int k = 0; k < bins; k++) {
                if (k != from) {
                    double other = u[kind][k] - Math.log(population.binCount(k) + 1.0);
                    assertTrue(other <= u[kind][to] - Math.log(population.binCount(to) + 1.0), "bin " + k + " is better");
                }
            }
        });
        double before = Potential.exact(population.counts(), u, bins);
        for (int i = 0; i < 5000; i++) {
            gains[0] = Double.NaN;
            long moved = engine.run(1);
            double after = Potential.exact(population.counts(), u, bins);
            if (moved == 0) {
                assertEquals(before, after, 0);
            } else {
                assertTrue(gains[0] > 0);
                assertEquals(gains[0], after - before, 1e-9 * (1 + Math.abs(before)), "seed " + seed);
            }
            before = after;
        }
    }

    @Test
    void endsAtTheSameStateAsBetterResponse() {
        Game game = Game.of(Bins.defaultFor(BinConvention.LOG, List.of(PARAMS)), PARAMS);
        SimulationOptions options = SimulationOptions.DEFAULTS.withAgents(300_000).withSeed(8);
        SimulationResult best = Simulation.run(game, options.withDynamics(new Dynamics.BestResponse()),
                Simulation.Progress.NONE);
        SimulationResult better = Simulation.run(game, options, Simulation.Progress.NONE);
        assertEquals(StopReason.NO_IMPROVING_MOVE, best.stopReason());
        double maximum = FiniteEquilibrium.of(game.utilities()[0], 300_000).potential() / 300_000;
        assertEquals(maximum, best.last().potential(), 1e-12 * Math.abs(maximum));
        assertEquals(maximum, better.last().potential(), 1e-12 * Math.abs(maximum));
        assertTrue(best.last().moves() < better.last().moves(), "best response needs fewer moves");
    }
}
