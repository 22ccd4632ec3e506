package org.jaynes.dynamics.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.Game;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static final GameParameters PARAMS = new GameParameters(12, 2, BinConvention.LOG);
    private static final Game GAME = Game.of(Bins.defaultFor(BinConvention.LOG, List.of(PARAMS)), PARAMS);

    /** The gap of the shares, as the monitors compute it. */
    private static double gap(Replay.Moment moment) {
        return GAME.equilibrium().arbitrageGap(GAME.utilities(), new double[][] {moment.shares()});
    }

    /** The original's first snapshot at the moment's time. */
    private static Snapshot original(SimulationResult run, Replay.Moment moment) {
        return run.trace().stream().filter(s -> s.time() == moment.time()).findFirst()
                .orElseThrow(() -> new AssertionError("no snapshot at " + moment.time()));
    }

    /** Each replayed state is the original's at the same time: same gap (to rounding of the sum). */
    private static void assertReplaysTheTrace(SimulationResult run) {
        for (long sweeps : Replay.intermediateSweeps(run)) {
            Replay.Moment moment = Replay.at(run, sweeps);
            assertEquals(sweeps, moment.time(), 1e-9);
            assertEquals(original(run, moment).arbitrageGap(), gap(moment), 1e-12, "gap at sweep " + sweeps);
        }
    }

    @Test
    void aReplayPassesThroughTheSameStates() {
        SimulationResult run = Simulation.run(GAME, SimulationOptions.DEFAULTS.withAgents(50_000).withSeed(3),
                Simulation.Progress.NONE);
        List<Long> sweeps = Replay.intermediateSweeps(run);
        assertEquals(2, sweeps.size(), sweeps.toString());
        assertTrue(sweeps.get(0) >= 1 && sweeps.get(0) < sweeps.get(1) && sweeps.get(1) < run.last().time());
        assertReplaysTheTrace(run);
        List<Replay.Moment> moments = Replay.moments(run);
        assertEquals(4, moments.size());
        assertArrayEquals(run.finalShares(), moments.get(3).shares());
        assertEquals(1.0 / 128, moments.get(0).shares()[5], 1e-4, "uniform start, as apportioned");
    }

    @Test
    void aShockIsSeenBeforeAndAfter() {
        SimulationResult run = Simulation.run(GAME, SimulationOptions.DEFAULTS.withAgents(20_000)
                .withShock(new Shock(30, 0.5)), Simulation.Progress.NONE);
        assertEquals(List.of(30L, 31L), Replay.intermediateSweeps(run));
        Replay.Moment before = Replay.at(run, 30);
        Replay.Moment after = Replay.at(run, 31);
        assertEquals(30, before.time());
        assertEquals(31, after.time());
        assertEquals(original(run, before).arbitrageGap(), gap(before), 1e-12, "the state before the shock");
        assertEquals(original(run, after).arbitrageGap(), gap(after), 1e-12, "a sweep after the shock");
        assertTrue(gap(after) > gap(before), "the shock pushed the agents away from x*");
    }

    @Test
    void theReplicatorReplaysToo() {
        SimulationResult run = Simulation.run(GAME, SimulationOptions.DEFAULTS.withDynamics(
                new Dynamics.Replicator(Dynamics.Replicator.DEFAULT_STEP)).withAgents(10_000), Simulation.Progress.NONE);
        assertEquals(2, Replay.intermediateSweeps(run).size());
        assertReplaysTheTrace(run);
    }
}
