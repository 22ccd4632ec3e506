package org.jaynes.nn.experiment;

import org.jaynes.core.Checks;
import org.jaynes.nn.init.Initializer;

/**
 * One arm of an initialisation experiment: an initialiser, optionally followed by a distribution-only
 * warm-up of {@code warmupEpochs} epochs (see {@link org.jaynes.nn.warmup.DistributionWarmup}).
 *
 * @param initializer  how the weights start (and, with a warm-up, the law the warm-up starts from)
 * @param warmupEpochs 0 for none
 */
public record Arm(Initializer initializer, int warmupEpochs) {

    public Arm {
        Checks.nonNegative("warm-up epochs", warmupEpochs);
    }

    /** The arm of {@code initializer} alone. */
    public static Arm of(Initializer initializer) {
        return new Arm(initializer, 0);
    }

    /** {@code he}, {@code lognormal+warmup 1}. */
    public String label() {
        return warmupEpochs == 0 ? initializer.label() : initializer.label() + "+warmup " + warmupEpochs;
    }

    /**
     * True for what the theory proposes (docs/theory.md §1, claim 7): lognormal or fitted initialisation, or a
     * warm-up; the verdicts compare these with the rest.
     */
    public boolean isProposal() {
        return warmupEpochs > 0 || initializer instanceof Initializer.Lognormal
                || initializer instanceof Initializer.Fitted;
    }
}
