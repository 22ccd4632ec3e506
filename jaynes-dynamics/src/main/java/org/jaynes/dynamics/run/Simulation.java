package org.jaynes.dynamics.run;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Equilibrium;
import org.jaynes.dynamics.game.Game;
import org.jaynes.dynamics.game.MagnitudeFit;
import org.jaynes.dynamics.state.Apportionment;
import org.jaynes.dynamics.state.Population;

/**
 * Runs a game under a dynamics from a starting state until a stop rule holds, recording the monitors
 * after every sweep. Example:
 * <pre>{@code
 * Game game = Game.of(Bins.defaultFor(BinConvention.LOG, List.of(params)), params);
 * SimulationResult result = Simulation.run(game, SimulationOptions.DEFAULTS.withSeed(7), Simulation.Progress.NONE);
 * }</pre>
 *
 * <p>Stop rules, checked before every sweep: better and best response stop when no agent can gain by
 * moving (checked exactly every {@value #CHUNK} revisions and at every sweep's end, so a run may end
 * within a sweep); every dynamics stops when the arbitrage gap falls below the tolerance or the sweeps run
 * out. A pending shock suspends the gap rule; a better- or best-response run that has reached its
 * equilibrium before the shock jumps to the shock's time, since nothing could move in between.
 *
 * <p>Randomness: one XoRoShiRo128++ generator (Commons RNG) seeded with the options' seed; the same
 * game, options and seed give the same result, bit for bit. Every logarithm and exponential of the
 * module is {@link StrictMath}'s, so the result does not depend on the JVM or the CPU either (the
 * potential's ln Γ comes from Commons Numbers). Single-threaded.
 */
public final class Simulation {

    /** Revisions between checks for an improving move. */
    public static final long CHUNK = 1L << 22;

    /** Told of every snapshot as it is taken (for progress on a terminal). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (snapshot, sweepLimit) -> { };

        void snapshot(Snapshot snapshot, long sweepLimit);
    }

    private final Game game;
    private final SimulationOptions options;
    private final double[][] utilities;
    private final Monitors monitors;
    private final AgentEngine agents;
    private final ReplicatorEngine replicator;
    private final List<Snapshot> trace = new ArrayList<>();
    private long revisions;
    private double time;

    private Simulation(Game game, SimulationOptions options) {
        this.game = game;
        this.options = options;
        this.utilities = game.utilities();
        Equilibrium equilibrium = game.equilibrium();
        this.monitors = new Monitors(game.bins(), utilities, equilibrium);
        double[] start = options.start().shares(game.bins());
        double[] kindShares = game.kindShares();
        if (options.dynamics() instanceof Dynamics.Replicator replicatorDynamics) {
            double[][] shares = new double[game.kinds()][];
            for (int t = 0; t < shares.length; t++) {
                shares[t] = start.clone();
            }
            this.replicator = new ReplicatorEngine(utilities, shares, kindShares, replicatorDynamics.step());
            this.agents = null;
        } else {
            Population population = new Population(startingCounts(start, kindShares, options.agents()));
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(options.seed());
            this.agents = engine(options.dynamics(), population, utilities, rng);
            this.replicator = null;
        }
    }

    /** The engine of an agent dynamics. */
    static AgentEngine engine(Dynamics dynamics, Population population, double[][] utilities,
                              UniformRandomProvider rng) {
        if (dynamics instanceof Dynamics.BetterResponse) {
            return new BetterResponseEngine(population, utilities, rng);
        }
        if (dynamics instanceof Dynamics.BestResponse) {
            return new BestResponseEngine(population, utilities, rng);
        }
        if (dynamics instanceof Dynamics.Logit logit) {
            return new LogitEngine(population, utilities, rng, logit.temperature());
        }
        throw new IllegalArgumentException("not an agent dynamics: " + dynamics.label());
    }

    /** Runs the game; see the class comment for the stop rules. */
    public static SimulationResult run(Game game, SimulationOptions options, Progress progress) {
        if (options.shock().isPresent() && options.shock().get().sweep() >= options.sweepLimit()) {
            throw new IllegalArgumentException("the shock at sweep " + options.shock().get().sweep()
                    + " would come after the sweep limit " + options.sweepLimit());
        }
        return new Simulation(game, options).run(progress);
    }

    /** Counts per kind: each kind's agents (M · m_t, the rest to kind 0) apportioned over the start. */
    static long[][] startingCounts(double[] start, double[] kindShares, long agents) {
        long[][] counts = new long[kindShares.length][];
        long rest = agents;
        for (int t = kindShares.length - 1; t >= 1; t--) {
            long kindAgents = Math.round(agents * kindShares[t]);
            if (kindAgents < 1 || kindAgents >= rest) {
                throw new IllegalArgumentException("a share of " + kindShares[t] + " of " + agents
                        + " agents leaves a kind with no agent");
            }
            counts[t] = Apportionment.of(start, kindAgents);
            rest -= kindAgents;
        }
        counts[0] = Apportionment.of(start, rest);
        return counts;
    }

    private SimulationResult run(Progress progress) {
        long limit = options.sweepLimit();
        double tolerance = options.gapTolerance();
        OptionalDouble shockTime = OptionalDouble.empty();
        record(progress, limit);
        StopReason reason;
        while (true) {
            boolean shockPending = options.shock().isPresent() && shockTime.isEmpty();
            if (stationary()) {
                if (!shockPending) {
                    reason = StopReason.NO_IMPROVING_MOVE;
                    break;
                }
                time = Math.max(time, options.shock().get().sweep());
                shockTime = shock(progress, limit);
                continue;
            }
            if (!shockPending && last().arbitrageGap() < tolerance) {
                reason = StopReason.GAP_BELOW_TOLERANCE;
                break;
            }
            if (time >= limit) {
                reason = StopReason.SWEEP_LIMIT;
                break;
            }
            sweep();
            record(progress, limit);
            if (shockPending && time >= options.shock().get().sweep()) {
                shockTime = shock(progress, limit);
            }
        }
        double[] equilibriumShares = game.equilibrium().total();
        return new SimulationResult(game, options, prediction(), MagnitudeFit.of(game.bins(), equilibriumShares),
                equilibriumShares, trace, reason, revisions, total(shares()), shockTime);
    }

    private boolean stationary() {
        return agents != null && !(agents instanceof LogitEngine) && !agents.hasImprovingMove();
    }

    /** One sweep, or less when an agent run reaches its equilibrium within it. */
    private void sweep() {
        if (replicator != null) {
            long steps = Math.max(1, Math.round(1 / replicator.step()));
            replicator.run(steps);
            revisions += steps;
            time += steps * replicator.step();
            return;
        }
        long m = options.agents();
        long done = 0;
        boolean checks = !(agents instanceof LogitEngine);
        while (done < m) {
            long chunk = Math.min(CHUNK, m - done);
            agents.run(chunk);
            done += chunk;
            if (checks && done < m && !agents.hasImprovingMove()) {
                break;
            }
        }
        revisions += done;
        time += (double) done / m; // not revisions / M: time may have jumped to a shock
    }

    private OptionalDouble shock(Progress progress, long limit) {
        if (trace.isEmpty() || last().time() != time) {
            record(progress, limit);
        }
        double f = options.shock().get().fraction();
        double[][] shares = shares();
        if (replicator != null) {
            for (double[] kind : shares) {
                double mass = java.util.Arrays.stream(kind).sum();
                for (int k = 0; k < kind.length; k++) {
                    kind[k] = (1 - f) * kind[k] + f * mass / kind.length;
                }
            }
            replicator.replace(shares);
        } else {
            long[][] counts = agents.population().counts();
            double[] even = new double[game.bins().size()];
            java.util.Arrays.fill(even, 1);
            for (long[] kind : counts) {
                long leavers = 0;
                for (int k = 0; k < kind.length; k++) {
                    long leaving = (long) Math.floor(f * kind[k]);
                    kind[k] -= leaving;
                    leavers += leaving;
                }
                long[] placed = Apportionment.of(even, leavers);
                for (int k = 0; k < kind.length; k++) {
                    kind[k] += placed[k];
                }
            }
            agents.replace(counts);
        }
        record(progress, limit);
        return OptionalDouble.of(time);
    }

    private void record(Progress progress, long limit) {
        double potential = agents != null ? agents.potential() / options.agents() : replicator.potential();
        long moves = agents != null ? agents.moves() : replicator.steps();
        Snapshot snapshot = monitors.snapshot(time, moves, potential, shares());
        trace.add(snapshot);
        progress.snapshot(snapshot, limit);
    }

    private Snapshot last() {
        return trace.get(trace.size() - 1);
    }

    private double[][] shares() {
        return agents != null ? agents.population().shares() : replicator.shares();
    }

    private static double[] total(double[][] shares) {
        double[] total = new double[shares[0].length];
        for (double[] kind : shares) {
            for (int k = 0; k < total.length; k++) {
                total[k] += kind[k];
            }
        }
        return total;
    }

    /** The continuum lognormal of the dynamics' rest point, one kind and no budget only. */
    private MagnitudeFit prediction() {
        if (game.kinds() > 1 || game.budget().isPresent()) {
            return new MagnitudeFit(Double.NaN, Double.NaN);
        }
        GameParameters params = game.populations().get(0).game();
        double widening = options.dynamics() instanceof Dynamics.Logit logit ? 1 + logit.temperature() : 1;
        GameParameters rest = new GameParameters(params.alpha() / widening, params.beta() / widening,
                params.convention());
        return new MagnitudeFit(rest.mu(), rest.sigma());
    }
}
