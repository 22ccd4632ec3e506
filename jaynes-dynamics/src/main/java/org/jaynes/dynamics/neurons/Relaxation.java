package org.jaynes.dynamics.neurons;

import java.util.Locale;

/**
 * The end of a deterministic run of the neuron game (T = 0).
 *
 * @param state       the final state, ±1
 * @param sweeps      sweeps made (a synchronous step counts as one)
 * @param flips       neurons flipped in all
 * @param end         why the run stopped
 * @param energyTrace E(s) before the first sweep and after each one
 */
public record Relaxation(byte[] state, int sweeps, long flips, End end, double[] energyTrace) {

    /** Why a relaxation stopped. */
    public enum End {
        /** No neuron gains by flipping: a Nash equilibrium of the neuron game, a Hopfield attractor. */
        FIXED_POINT,
        /** Synchronous updates only: the state returned to the one of two steps before. */
        TWO_CYCLE,
        /** The sweep budget ran out. */
        SWEEP_LIMIT;

        /** The JSON spelling: {@code fixed-point}, … */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The final energy. */
    public double energy() {
        return energyTrace[energyTrace.length - 1];
    }
}
