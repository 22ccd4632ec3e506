package org.jaynes.dynamics.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.Game;
import org.jaynes.dynamics.game.MagnitudeFit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SimulationTest {

    /** The issue's bound for M ≥ 10^5; the grid's own error is below 1e-4 (see BinsTest). */
    private static final double FIT_TOLERANCE = 0.02;

    private static Game game(double alpha, double beta, BinConvention convention) {
        GameParameters params = new GameParameters(alpha, beta, convention);
        return Game.of(Bins.defaultFor(convention, List.of(params)), params);
    }

    @Property(tries = 12)
    void betterResponseEndsAtThePredictedLognormal(@ForAll @DoubleRange(min = -10, max = 30) double alpha,
            @ForAll @DoubleRange(min = 1, max = 8) double beta, @ForAll BinConvention convention,
            @ForAll long seed) {
        SimulationResult result = Simulation.run(game(alpha, beta, convention),
                SimulationOptions.DEFAULTS.withAgents(100_000).withSeed(seed), Simulation.Progress.NONE);
        double mu = convention == BinConvention.LOG ? alpha / (2 * beta) : (alpha + 1) / (2 * beta);
        double sigma = 1 / Math.sqrt(2 * beta);
        String context = "alpha " + alpha + ", beta " + beta + ", " + convention + ", seed " + seed;
        assertEquals(StopReason.NO_IMPROVING_MOVE, result.stopReason(), context);
        assertEquals(mu, result.last().fit().mu(), FIT_TOLERANCE, context);
        assertEquals(sigma, result.last().fit().sigma(), FIT_TOLERANCE, context);
        assertEquals(mu, result.prediction().mu(), 1e-12, context);
        assertEquals(sigma, result.prediction().sigma(), 1e-12, context);
    }

    @Test
    void theIssuesExampleEndsAtMu3Sigma05() {
        SimulationResult result = Simulation.run(game(12, 2, BinConvention.LOG),
                SimulationOptions.DEFAULTS.withAgents(1_000_000).withSeed(1), Simulation.Progress.NONE);
        assertEquals(StopReason.NO_IMPROVING_MOVE, result.stopReason());
        assertEquals(3, result.last().fit().mu(), 1e-3);
        assertEquals(0.5, result.last().fit().sigma(), 1e-3);
        assertTrue(result.last().arbitrageGap() < 1e-4, "gap " + result.last().arbitrageGap());
        Snapshot first = result.trace().get(0);
        assertEquals(0, first.time());
        assertTrue(first.arbitrageGap() > 1, "a uniform start is far from equilibrium");
        for (int i = 1; i < result.trace().size(); i++) {
            assertTrue(result.trace().get(i).potential() > result.trace().get(i - 1).potential(),
                    "better response raises the exact potential every sweep");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"BETTER_RESPONSE", "BEST_RESPONSE", "LOGIT", "REPLICATOR"})
    void theSameSeedGivesTheSameRunBitForBit(Kind kind) {
        Game game = game(3, 1.5, BinConvention.LOG);
        SimulationOptions options = SimulationOptions.DEFAULTS.withAgents(20_000).withDynamics(kind.dynamics)
                .withSeed(42).withMaxSweeps(8).withShock(new Shock(3, 0.25));
        SimulationResult first = Simulation.run(game, options, Simulation.Progress.NONE);
        SimulationResult second = Simulation.run(game, options, Simulation.Progress.NONE);
        assertEquals(first.trace(), second.trace());
        assertTrue(java.util.Arrays.equals(first.finalShares(), second.finalShares()));
        if (kind != Kind.REPLICATOR) {
            SimulationResult other = Simulation.run(game, options.withSeed(43), Simulation.Progress.NONE);
            assertNotEquals(first.trace(), other.trace(), "another seed, another run");
        }
    }

    @Test
    void aShockIsRecordedAndRecoveredFrom() {
        SimulationResult result = Simulation.run(game(12, 2, BinConvention.LOG), SimulationOptions.DEFAULTS
                .withAgents(100_000).withSeed(5).withShock(new Shock(40, 0.5)), Simulation.Progress.NONE);
        assertEquals(40, result.shockTime().orElseThrow(), 0, "the equilibrium came early: time jumps to the shock");
        Snapshot before = null;
        Snapshot after = null;
        for (int i = 1; i < result.trace().size(); i++) {
            if (result.trace().get(i).time() == 40 && result.trace().get(i - 1).time() == 40) {
                before = result.trace().get(i - 1);
                after = result.trace().get(i);
            }
        }
        assertTrue(before != null && after != null, "snapshots just before and after the shock");
        for (int i = 1; i < result.trace().size(); i++) {
            assertTrue(result.trace().get(i).time() >= result.trace().get(i - 1).time(), "time never runs back");
        }
        assertTrue(result.last().time() > 40);
        assertTrue(after.arbitrageGap() > 100 * before.arbitrageGap(), after + " vs " + before);
        assertEquals(StopReason.NO_IMPROVING_MOVE, result.stopReason());
        assertEquals(before.potential(), result.last().potential(), 1e-12, "back at the same maximum");
    }

    @Test
    void aBudgetMovesTheEquilibriumAndTheDynamicsFollow() {
        Game free = game(12, 2, BinConvention.LOG);
        double freeSpend = Simulation.run(free, SimulationOptions.DEFAULTS.withDynamics(new Dynamics.Replicator(0.5)),
                Simulation.Progress.NONE).last().meanStrength();
        Game tight = free.withBudget(freeSpend / 2);
        assertTrue(tight.multiplier() > 0, "a tight budget has a positive price");
        SimulationResult result = Simulation.run(tight, SimulationOptions.DEFAULTS.withAgents(200_000).withSeed(9),
                Simulation.Progress.NONE);
        assertEquals(freeSpend / 2, result.last().meanStrength(), 1e-3 * freeSpend);
        assertTrue(result.last().fit().mu() < 3 - 0.1, "spending less lowers mu: " + result.last().fit());
        assertTrue(Double.isNaN(result.prediction().mu()), "no lognormal prediction under a budget");
    }

    @Test
    void twoKindsWithDifferentAlphaSplitTheRange() {
        GameParameters params = new GameParameters(12, 2, BinConvention.LOG);
        GameParameters both = new GameParameters(8, 2, BinConvention.LOG);
        Bins bins = Bins.defaultFor(BinConvention.LOG, List.of(params, both));
        Game game = TwoKinds.game(bins, params, 8, 0.5);
        SimulationResult result = Simulation.run(game, SimulationOptions.DEFAULTS.withAgents(200_000).withSeed(2),
                Simulation.Progress.NONE);
        assertEquals(StopReason.NO_IMPROVING_MOVE, result.stopReason());
        MagnitudeFit high = result.last().kindFits().get(0);
        MagnitudeFit low = result.last().kindFits().get(1);
        assertTrue(high.mu() > 3 && low.mu() < 2, high + " " + low);
        assertTrue(high.sigma() < 0.5 && low.sigma() < 0.5, "each kind is a truncated normal, narrower");
        assertTrue(result.last().fit().sigma() > 0.5, "the mixture is wider than either lognormal");
        assertTrue(result.last().arbitrageGap() < 1e-4, "gap " + result.last().arbitrageGap());
        assertTrue(result.last().utilitySpread() < 0.05, "spread " + result.last().utilitySpread());
    }

    @Test
    void aShockAfterTheSweepLimitIsRefused() {
        Game game = game(12, 2, BinConvention.LOG);
        SimulationOptions options = SimulationOptions.DEFAULTS.withMaxSweeps(10).withShock(new Shock(10, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Simulation.run(game, options, Simulation.Progress.NONE));
    }

    /** The dynamics by name, for parameterised tests. */
    enum Kind {
        BETTER_RESPONSE(new Dynamics.BetterResponse()),
        BEST_RESPONSE(new Dynamics.BestResponse()),
        LOGIT(new Dynamics.Logit(0.05)),
        REPLICATOR(new Dynamics.Replicator(0.2));

        final Dynamics dynamics;

        Kind(Dynamics dynamics) {
            this.dynamics = dynamics;
        }
    }
}
