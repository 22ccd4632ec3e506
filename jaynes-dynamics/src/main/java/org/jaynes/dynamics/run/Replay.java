package org.jaynes.dynamics.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jaynes.dynamics.game.Game;

/**
 * The shares over the bins at earlier moments of a finished run, for snapshots of the distribution: a run
 * keeps only its final shares, so an earlier state is had by running the same game, options and seed
 * again with a smaller sweep budget. Since a run is a function of those alone, bit for bit, the replay
 * passes through the same states and stops at the first one at or past the budget.
 *
 * <p>A replay that stops at or before a shock runs without it and with no gap rule, as the original's
 * gap rule was suspended while the shock was pending; if it comes to rest before the shock, the original
 * waited there, so that state is the state at the requested sweep. Cost: the replayed sweeps. Thread-safe.
 */
public final class Replay {

    /** The most intermediate moments {@link #moments} picks. */
    public static final int INTERMEDIATE = 2;

    /**
     * The state of a run at one moment.
     *
     * @param time   sweeps since the start
     * @param shares ξ_k per bin, all kinds together
     */
    public record Moment(double time, double[] shares) {
        public Moment {
            shares = shares.clone();
        }

        @Override
        public double[] shares() {
            return shares.clone();
        }
    }

    private Replay() {
    }

    /** The state at time 0: the starting shares as the run placed its agents. */
    public static Moment start(SimulationResult run) {
        Game game = run.game();
        SimulationOptions options = run.options();
        double[] start = options.start().shares(game.bins());
        if (!options.dynamics().agents()) {
            return new Moment(0, start);
        }
        long[][] counts = Simulation.startingCounts(start, game.kindShares(), options.agents());
        double[] shares = new double[start.length];
        for (long[] kind : counts) {
            for (int k = 0; k < shares.length; k++) {
                shares[k] += (double) kind[k] / options.agents();
            }
        }
        return new Moment(0, shares);
    }

    /**
     * The state once {@code sweeps} sweeps have passed (or the run's end, if sooner).
     *
     * @throws IllegalArgumentException if {@code sweeps < 1}
     */
    public static Moment at(SimulationResult run, long sweeps) {
        if (sweeps < 1) {
            throw new IllegalArgumentException("a replay needs at least 1 sweep, not " + sweeps);
        }
        SimulationOptions options = run.options().withMaxSweeps(sweeps);
        boolean beforeShock = options.shock().isPresent() && options.shock().get().sweep() >= sweeps;
        if (beforeShock) {
            options = new SimulationOptions(options.agents(), options.dynamics(), options.start(), options.seed(),
                    options.maxSweeps(), options.tolerance(), Optional.empty()).withTolerance(0);
        }
        SimulationResult replay = Simulation.run(run.game(), options, Simulation.Progress.NONE);
        // At rest before the shock, the original waited there for it: the state holds at the requested sweep.
        boolean waited = beforeShock && replay.stopReason() == StopReason.NO_IMPROVING_MOVE;
        return new Moment(waited ? sweeps : replay.last().time(), replay.finalShares());
    }

    /**
     * The sweeps at which to look between the start and the end: without a shock, the first sweeps by which
     * log₁₀ of the arbitrage gap has covered a third and two thirds of its way from the start to the end
     * (evenly spaced sweeps when the gap does not fall); with one, the sweep of the shock and the one after.
     * A pick no later than the one before moves to the sweep after it. At most {@value #INTERMEDIATE},
     * strictly ascending, each at least 1 and before the end.
     */
    public static List<Long> intermediateSweeps(SimulationResult run) {
        List<Snapshot> trace = run.trace();
        double end = run.last().time();
        List<Long> picked = new ArrayList<>();
        if (run.options().shock().isPresent()) {
            long shock = run.options().shock().get().sweep();
            add(picked, shock, end);
            add(picked, shock + 1, end);
            return picked;
        }
        double first = Math.log10(trace.get(0).arbitrageGap());
        double last = Math.log10(run.last().arbitrageGap());
        boolean falls = Double.isFinite(first) && first > last;
        for (int third = 1; third <= INTERMEDIATE; third++) {
            double fraction = (double) third / (INTERMEDIATE + 1);
            if (!falls) {
                add(picked, Math.round(end * fraction), end);
                continue;
            }
            double target = first + fraction * ((Double.isFinite(last) ? last : lowest(trace)) - first);
            for (Snapshot s : trace) {
                if (s.time() >= 1 && Math.log10(s.arbitrageGap()) <= target) {
                    add(picked, (long) Math.ceil(s.time()), end);
                    break;
                }
            }
        }
        return picked;
    }

    /** Start, the intermediate moments and the end of a run. */
    public static List<Moment> moments(SimulationResult run) {
        List<Moment> moments = new ArrayList<>();
        moments.add(start(run));
        for (long sweeps : intermediateSweeps(run)) {
            moments.add(at(run, sweeps));
        }
        moments.add(new Moment(run.last().time(), run.finalShares()));
        return moments;
    }

    /** Adds a sweep, or the one after the last pick when that is later; nothing at or past the end. */
    private static void add(List<Long> picked, long sweeps, double end) {
        long at = picked.isEmpty() ? Math.max(1, sweeps) : Math.max(picked.get(picked.size() - 1) + 1, sweeps);
        if (at < end) {
            picked.add(at);
        }
    }

    /** The smallest finite log₁₀ gap of the trace. */
    private static double lowest(List<Snapshot> trace) {
        double lowest = Double.POSITIVE_INFINITY;
        for (Snapshot s : trace) {
            double g = Math.log10(s.arbitrageGap());
            if (Double.isFinite(g)) {
                lowest = Math.min(lowest, g);
            }
        }
        return lowest;
    }
}
