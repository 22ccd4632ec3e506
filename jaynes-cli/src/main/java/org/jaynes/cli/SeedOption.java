package org.jaynes.cli;

import picocli.CommandLine.Option;

/** {@code --seed} of the commands whose runs are random: the same seed, the same output bit for bit (a mixin). */
final class SeedOption {

    /** The seed when none is given, as in every options record of the simulations. */
    static final long DEFAULT = 1;

    @Option(names = "--seed", paramLabel = "N", description = "seed; the same seed gives the same output bit for "
            + "bit (default: ${DEFAULT-VALUE})")
    private long seed = DEFAULT;

    long value() {
        return seed;
    }
}
