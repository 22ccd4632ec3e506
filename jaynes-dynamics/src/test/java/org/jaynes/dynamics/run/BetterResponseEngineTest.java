package org.jaynes.dynamics.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.FiniteEquilibrium;
import org.jaynes.dynamics.game.Game;
import org.jaynes.dynamics.game.Potential;
import org.jaynes.dynamics.state.Population;
import org.junit.jupiter.api.Test;

class BetterResponseEngineTest {

    /**
     * M·φ is recomputed from scratch with ln Γ: for M ≤ 2,000 its magnitude is below 2·10^4, where ln Γ and
     * the sums round to about 1e-11; the gain itself is a difference of four terms of size ≤ 30. Any error
     * in the potential identity would be of the order of a gain (≥ 1e-6 here), far above this tolerance.
     */
    private static final double POTENTIAL_EPS = 1e-9;

    @Property(tries = 40)
    void everyMoveRaisesTheExactPotentialByTheMoversGain(@ForAll @DoubleRange(min = -5, max = 20) double alpha,
            @ForAll @DoubleRange(min = 0.3, max = 5) double beta, @ForAll @IntRange(min = 2, max = 40) int bins,
            @ForAll @LongRange(min = 1, max = 2000) long agents, @ForAll boolean twoKinds,
            @ForAll long seed) {
        GameParameters params = new GameParameters(alpha, beta, BinConvention.LOG);
        Bins grid = Bins.of(BinConvention.LOG, bins, Math.exp(params.mu() - 3 * params.sigma()),
                Math.exp(params.mu() + 3 * params.sigma()));
        double[][] u = twoKinds ? TwoKinds.utilities(grid, params, alpha / 2) : Game.of(grid, params).utilities();
        long[][] counts = startingCounts(u.length, bins, agents);
        Population population = new Population(counts);
        BetterResponseEngine engine = new BetterResponseEngine(population, u, RandomSource.XO_RO_SHI_RO_128_PP
                .create(seed));
        List<double[]> moves = new ArrayList<>();
        engine.listener((kind, from, to, gain) -> moves.add(new double[] {kind, from, to, gain}));
        double before = Potential.exact(population.counts(), u, bins);
        String context = "seed " + seed;
        for (int revision = 0; revision < 20 * agents + 200; revision++) {
            moves.clear();
            engine.run(1);
            double after = Potential.exact(population.counts(), u, bins);
            if (moves.isEmpty()) {
                assertEquals(before, after, 0, context);
                continue;
            }
            double gain = moves.get(0)[3];
            assertTrue(gain > 0, context + ": a better-response move must gain, not " + gain);
            assertEquals(gain, after - before, POTENTIAL_EPS * (1 + Math.abs(before)), context);
            before = after;
        }
    }

    @Property(tries = 30)
    void runsEndWithNoImprovingMoveAtTheExactMaximum(@ForAll @DoubleRange(min = -5, max = 20) double alpha,
            @ForAll @DoubleRange(min = 0.3, max = 5) double beta, @ForAll @IntRange(min = 2, max = 64) int bins,
            @ForAll @LongRange(min = 1, max = 100_000) long agents, @ForAll long seed) {
        GameParameters params = new GameParameters(alpha, beta, BinConvention.LOG);
        Game game = Game.of(Bins.of(BinConvention.LOG, bins, Math.exp(params.mu() - 4 * params.sigma()),
                Math.exp(params.mu() + 4 * params.sigma())), params);
        SimulationResult result = Simulation.run(game, SimulationOptions.DEFAULTS.withAgents(agents).withSeed(seed),
                Simulation.Progress.NONE);
        assertEquals(StopReason.NO_IMPROVING_MOVE, result.stopReason(), "seed " + seed);
        // The maximiser is unique up to ties of marginal values (a grid symmetric about mu has nearly equal
        // utilities in mirrored bins), so the end state is checked by its potential.
        double maximum = FiniteEquilibrium.of(game.utilities()[0], agents).potential();
        assertEquals(maximum, result.last().potential() * agents, 1e-12 * (1 + Math.abs(maximum)),
                "seed " + seed + ": the end state is a maximiser of M·phi");
    }

    @Test
    void aStateWithoutImprovingMoveIsRecognisedAndLeftAlone() {
        GameParameters params = new GameParameters(12, 2, BinConvention.LOG);
        Game game = Game.of(Bins.defaultFor(BinConvention.LOG, List.of(params)), params);
        double[][] u = game.utilities();
        long[] equilibrium = FiniteEquilibrium.of(u[0], 50_000).counts();
        Population population = new Population(new long[][] {equilibrium});
        BetterResponseEngine engine = new BetterResponseEngine(population, u, RandomSource.XO_RO_SHI_RO_128_PP
                .create(3L));
        assertFalse(engine.hasImprovingMove());
        assertEquals(0, engine.run(1_000_000));
        assertArrayEquals(equilibrium, population.binCounts());
    }

    private static long[][] startingCounts(int kinds, int bins, long agents) {
        long[][] counts = new long[kinds][bins];
        for (long i = 0; i < agents; i++) {
            counts[(int) (i % kinds)][(int) ((i * 7919) % bins)]++;
        }
        return counts;
    }
}
