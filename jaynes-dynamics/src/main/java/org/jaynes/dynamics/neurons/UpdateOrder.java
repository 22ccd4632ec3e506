package org.jaynes.dynamics.neurons;

import java.util.Locale;

/**
 * When the neurons revise. Asynchronous is the game's own dynamics and the only one under which Φ never
 * falls; synchronous (Little's rule) updates every neuron from the same old state and may end in a
 * two-cycle.
 */
public enum UpdateOrder {
    /** One neuron at a time, each sweep in a fresh uniformly random order (a permutation of the N neurons). */
    ASYNCHRONOUS,
    /** All neurons at once from the previous state: s ← sign(W s + θ), ties keeping the old value. */
    SYNCHRONOUS;

    /** The command-line and JSON spelling. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The order spelled {@code label}. */
    public static UpdateOrder parse(String label) {
        for (UpdateOrder order : values()) {
            if (order.label().equals(label.toLowerCase(Locale.ROOT))) {
                return order;
            }
        }
        throw new IllegalArgumentException("expected asynchronous or synchronous, not '" + label + "'");
    }
}
