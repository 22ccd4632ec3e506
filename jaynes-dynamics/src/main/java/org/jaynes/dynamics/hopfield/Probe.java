package org.jaynes.dynamics.hopfield;

import org.jaynes.dynamics.neurons.Relaxation;

/**
 * One recall: a stored pattern, corrupted, relaxed.
 *
 * @param pattern         which pattern
 * @param storedIsFixed   whether the stored pattern itself is a fixed point (a Nash equilibrium)
 * @param startOverlap    overlap of the corrupted probe with the pattern
 * @param finalOverlap    overlap after relaxation
 * @param relaxation      the run
 */
public record Probe(int pattern, boolean storedIsFixed, double startOverlap, double finalOverlap,
                    Relaxation relaxation) {

    /** Whether the final overlap reaches {@link RecallOptions#RECALLED}. */
    public boolean recalled() {
        return finalOverlap >= RecallOptions.RECALLED;
    }

    /** Whether the pattern came back bit for bit. */
    public boolean exact() {
        return finalOverlap == 1;
    }
}
