package org.jaynes.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.FiniteEquilibrium;
import org.jaynes.dynamics.game.Game;
import org.jaynes.dynamics.run.BetterResponseEngine;
import org.jaynes.dynamics.state.Apportionment;
import org.jaynes.dynamics.state.Population;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread throughput of better-response dynamics in the default game (α = 12, β = 2, 128 bins equal
 * in ln w): one operation is {@value #BATCH} revisions (a random agent tries a random other bin). The
 * {@code revisions} counter reports revisions per second, {@code moves} the revisions that moved an agent.
 * <pre>{@code
 * java -jar jaynes-bench/target/jaynes-bench.jar BetterResponseBenchmark
 * }</pre>
 *
 * <p>{@code EQUILIBRIUM} starts at the exact finite-M equilibrium, where no revision moves: the cost of a
 * revision alone (two generator calls, a Fenwick search, one comparison). {@code UNIFORM} starts every
 * iteration from the uniform law, where at first about half the revisions move (with M = 10^9 an
 * iteration stays inside the first sweep): the cost with moves (two tree updates, two logarithms each).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BetterResponseBenchmark extends JaynesBenchmark {

    /** Revisions per operation. */
    public static final int BATCH = 1 << 20;

    private static final long SEED = 20240601L;

    /** Where each iteration starts. */
    public enum Start { EQUILIBRIUM, UNIFORM }

    @Param({"EQUILIBRIUM", "UNIFORM"})
    public Start start;

    @Param({"1000000", "1000000000"})
    public long agents;

    private BetterResponseEngine engine;

    @Setup(Level.Iteration)
    public void setUp() {
        Game game = Game.of(Bins.defaultFor(Game.DEFAULT_PARAMETERS.convention(), List.of(Game.DEFAULT_PARAMETERS)),
                Game.DEFAULT_PARAMETERS);
        double[][] u = game.utilities();
        long[] counts;
        if (start == Start.EQUILIBRIUM) {
            counts = FiniteEquilibrium.of(u[0], agents).counts();
        } else {
            double[] even = new double[game.bins().size()];
            Arrays.fill(even, 1);
            counts = Apportionment.of(even, agents);
        }
        engine = new BetterResponseEngine(new Population(new long[][] {counts}), u,
                RandomSource.XO_RO_SHI_RO_128_PP.create(SEED));
    }

    @Benchmark
    public long revise(Counters counters) {
        long moved = engine.run(BATCH);
        counters.revisions += BATCH;
        counters.moves += moved;
        return moved;
    }

    /** Revisions and moves, reported by JMH as rates per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {

        public long revisions;
        public long moves;

        @Setup(Level.Iteration)
        public void reset() {
            revisions = 0;
            moves = 0;
        }
    }
}
