package org.jaynes.dynamics.hopfield;

import java.util.List;

/**
 * A capacity experiment: for every network size N and load α = P/N, store P = round(α N) random patterns,
 * probe {@code trials} of them (fresh pattern sets are drawn while P is smaller than that) and record the
 * share recalled. Immutable; every default here. The defaults run in a few seconds on two cores.
 *
 * @param sizes     network sizes N ≥ 2
 * @param loads     loads α &gt; 0
 * @param storage   the storage rule
 * @param noise     the fraction of bits flipped in each probe
 * @param trials    probes per (N, α)
 * @param maxSweeps the sweep budget of each relaxation
 * @param seed      the same seed gives the same experiment, bit for bit
 */
public record CapacityOptions(List<Integer> sizes, List<Double> loads, Storage storage, double noise, int trials,
                              int maxSweeps, long seed) {

    public static final CapacityOptions DEFAULTS = new CapacityOptions(List.of(100, 300, 1000),
            List.of(0.04, 0.06, 0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.20, 0.24), Storage.HEBBIAN, 0.0, 60, 100, 1);

    public CapacityOptions {
        sizes = List.copyOf(sizes);
        loads = List.copyOf(loads);
        if (sizes.isEmpty() || loads.isEmpty()) {
            throw new IllegalArgumentException("give at least one size and one load");
        }
        sizes.forEach(RecallOptions::checkNeurons);
        for (double load : loads) {
            if (!(load > 0 && load <= 1)) {
                throw new IllegalArgumentException("a load P/N must be in (0, 1], not " + load);
            }
        }
        Patterns.checkNoise(noise);
        if (trials < 1 || maxSweeps < 1) {
            throw new IllegalArgumentException("trials and the sweep budget must be at least 1");
        }
    }

    public CapacityOptions withSizes(List<Integer> value) {
        return new CapacityOptions(value, loads, storage, noise, trials, maxSweeps, seed);
    }

    public CapacityOptions withLoads(List<Double> value) {
        return new CapacityOptions(sizes, value, storage, noise, trials, maxSweeps, seed);
    }

    public CapacityOptions withStorage(Storage value) {
        return new CapacityOptions(sizes, loads, value, noise, trials, maxSweeps, seed);
    }

    public CapacityOptions withNoise(double value) {
        return new CapacityOptions(sizes, loads, storage, value, trials, maxSweeps, seed);
    }

    public CapacityOptions withTrials(int value) {
        return new CapacityOptions(sizes, loads, storage, noise, value, maxSweeps, seed);
    }

    public CapacityOptions withSeed(long value) {
        return new CapacityOptions(sizes, loads, storage, noise, trials, maxSweeps, value);
    }
}
