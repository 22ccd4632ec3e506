package org.jaynes.cli;

import org.jaynes.dynamics.hopfield.RecallOptions;
import org.jaynes.dynamics.hopfield.Storage;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code hopfield} and {@code hopfield capacity} share: probes, storage rule, sweeps and seed (a mixin). */
final class HopfieldNetworkOptions {

    @Option(names = "--noise", paramLabel = "F", description = "fraction of bits flipped in each probe (default: "
            + "0.1; 0 for capacity)")
    Double noise;

    @Option(names = "--storage", paramLabel = "RULE", description = "hebbian or pseudo-inverse (default: hebbian)",
            converter = OptionConverters.StorageRule.class)
    private Storage storage = Storage.parse("hebbian");

    @Option(names = "--sweeps", paramLabel = "N", description = "sweep budget of each relaxation (default: "
            + "${DEFAULT-VALUE})")
    int sweeps = RecallOptions.DEFAULTS.maxSweeps();

    @Mixin
    private SeedOption seed;

    long seed() {
        return seed.value();
    }

    /** {@code --noise}, or {@code otherwise} when it was not given. */
    double noise(double otherwise) {
        return noise == null ? otherwise : noise;
    }

    Storage storage() {
        return storage;
    }
}
