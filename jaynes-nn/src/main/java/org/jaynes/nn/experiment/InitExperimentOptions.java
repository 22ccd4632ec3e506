package org.jaynes.nn.experiment;

import java.util.List;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.train.TrainingOptions;

/**
 * An initialisation experiment: the same network, optimiser and data trained once per initialiser and
 * seed. Seed k (0 ≤ k &lt; seeds) runs with {@code training.seed() + k} for every initialiser, so the
 * initialisers see the same orders of examples.
 *
 * @param training     everything but the initialiser; its seed is the base seed
 * @param initializers compared, in report order, no two with the same label
 * @param seeds        runs per initialiser, at least 1
 */
public record InitExperimentOptions(TrainingOptions training, List<Initializer> initializers,
                                    int seeds) {

    public static final int DEFAULT_SEEDS = 3;

    public InitExperimentOptions {
        initializers = List.copyOf(initializers);
        if (initializers.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one initialiser");
        }
        if (initializers.stream().map(Initializer::label).distinct().count()
                != initializers.size()) {
            throw new IllegalArgumentException("each initialiser may appear once, not "
                    + initializers.stream().map(Initializer::label).toList());
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, not " + seeds);
        }
        if (!training.saveEpochs().isEmpty()) {
            throw new IllegalArgumentException("an experiment saves no weights");
        }
    }

    /** The seed of run {@code k}. */
    public long seed(int k) {
        return training.seed() + k;
    }
}
