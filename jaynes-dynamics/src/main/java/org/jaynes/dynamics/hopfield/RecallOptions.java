package org.jaynes.dynamics.hopfield;

import org.jaynes.core.Checks;
import org.jaynes.dynamics.neurons.UpdateOrder;

/**
 * A recall experiment: store P random patterns in N neurons, corrupt each, let the network relax, compare.
 * Immutable; every default here.
 *
 * @param neurons   N ≥ 2
 * @param patterns  P ≥ 1
 * @param noise     the fraction of bits flipped in each probe, in [0, 1]
 * @param storage   the storage rule
 * @param order     asynchronous (the game's best response) or synchronous updates
 * @param maxSweeps the sweep budget of each relaxation
 * @param seed      the same seed gives the same experiment, bit for bit
 */
public record RecallOptions(int neurons, int patterns, double noise, Storage storage, UpdateOrder order,
                            int maxSweeps, long seed) {

    /** A probe counts as recalled when its final overlap with the pattern reaches this. */
    public static final double RECALLED = 0.9;

    public static final RecallOptions DEFAULTS = new RecallOptions(200, 20, 0.1, Storage.HEBBIAN,
            UpdateOrder.ASYNCHRONOUS, 100, 1);

    public RecallOptions {
        checkNeurons(neurons);
        if (patterns < 1) {
            throw new IllegalArgumentException("store at least 1 pattern, not " + patterns);
        }
        Patterns.checkNoise(noise);
        Checks.atLeast("the sweep budget", maxSweeps, 1);
    }

    /** Refuses a network of fewer than 2 neurons, here and for each size of a capacity experiment. */
    static void checkNeurons(int neurons) {
        if (neurons < 2) {
            throw new IllegalArgumentException("a network needs at least 2 neurons, not " + neurons);
        }
    }

    public RecallOptions withNeurons(int value) {
        return new RecallOptions(value, patterns, noise, storage, order, maxSweeps, seed);
    }

    public RecallOptions withPatterns(int value) {
        return new RecallOptions(neurons, value, noise, storage, order, maxSweeps, seed);
    }

    public RecallOptions withNoise(double value) {
        return new RecallOptions(neurons, patterns, value, storage, order, maxSweeps, seed);
    }

    public RecallOptions withStorage(Storage value) {
        return new RecallOptions(neurons, patterns, noise, value, order, maxSweeps, seed);
    }

    public RecallOptions withOrder(UpdateOrder value) {
        return new RecallOptions(neurons, patterns, noise, storage, value, maxSweeps, seed);
    }

    public RecallOptions withMaxSweeps(int value) {
        return new RecallOptions(neurons, patterns, noise, storage, order, value, seed);
    }

    public RecallOptions withSeed(long value) {
        return new RecallOptions(neurons, patterns, noise, storage, order, maxSweeps, value);
    }

    /** P / N. */
    public double load() {
        return (double) patterns / neurons;
    }
}
