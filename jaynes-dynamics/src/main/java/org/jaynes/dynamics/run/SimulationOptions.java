package org.jaynes.dynamics.run;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How to run a game: immutable, every default here, changed by {@code with…} copies. One value serves the
 * command line and the Java API.
 *
 * @param agents    M ≥ 1 (unused by the replicator, except in h = u − ln M_k)
 * @param dynamics  the revision rule
 * @param start     the starting shares
 * @param seed      the generator's seed: the same seed gives the same run, bit for bit
 * @param maxSweeps the sweep budget; empty: the dynamics' default
 * @param tolerance stop when the arbitrage gap falls below it; empty: the dynamics' default
 * @param shock     a perturbation during the run, if any
 */
public record SimulationOptions(long agents, Dynamics dynamics, StartingState start, long seed,
                                OptionalLong maxSweeps, OptionalDouble tolerance, Optional<Shock> shock) {

    public static final long DEFAULT_AGENTS = 1_000_000;
    public static final long DEFAULT_SEED = 1;
    /** The most agents a run takes: counts and the Fenwick tree hold longs, sums stay below 2^62. */
    public static final long MAX_AGENTS = 1L << 62;

    public static final SimulationOptions DEFAULTS = new SimulationOptions(DEFAULT_AGENTS,
            new Dynamics.BetterResponse(), new StartingState.Uniform(), DEFAULT_SEED, OptionalLong.empty(),
            OptionalDouble.empty(), Optional.empty());

    public SimulationOptions {
        if (agents < 1 || agents > MAX_AGENTS) {
            throw new IllegalArgumentException("the number of agents must be from 1 to 2^62, not " + agents);
        }
        if (maxSweeps.isPresent() && maxSweeps.getAsLong() < 1) {
            throw new IllegalArgumentException("the sweep budget must be at least 1, not " + maxSweeps.getAsLong());
        }
        if (tolerance.isPresent() && !(tolerance.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("the gap tolerance must be non-negative, not " + tolerance.getAsDouble());
        }
    }

    /** The sweep budget in force. */
    public long sweepLimit() {
        return maxSweeps.orElse(dynamics.defaultMaxSweeps());
    }

    /** The gap tolerance in force. */
    public double gapTolerance() {
        return tolerance.orElse(dynamics.defaultTolerance());
    }

    public SimulationOptions withAgents(long value) {
        return new SimulationOptions(value, dynamics, start, seed, maxSweeps, tolerance, shock);
    }

    public SimulationOptions withDynamics(Dynamics value) {
        return new SimulationOptions(agents, value, start, seed, maxSweeps, tolerance, shock);
    }

    public SimulationOptions withStart(StartingState value) {
        return new SimulationOptions(agents, dynamics, value, seed, maxSweeps, tolerance, shock);
    }

    public SimulationOptions withSeed(long value) {
        return new SimulationOptions(agents, dynamics, start, value, maxSweeps, tolerance, shock);
    }

    public SimulationOptions withMaxSweeps(long value) {
        return new SimulationOptions(agents, dynamics, start, seed, OptionalLong.of(value), tolerance, shock);
    }

    public SimulationOptions withTolerance(double value) {
        return new SimulationOptions(agents, dynamics, start, seed, maxSweeps, OptionalDouble.of(value), shock);
    }

    public SimulationOptions withShock(Shock value) {
        return new SimulationOptions(agents, dynamics, start, seed, maxSweeps, tolerance, Optional.of(value));
    }
}
