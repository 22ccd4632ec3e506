package org.jaynes.nn.experiment;

import java.util.List;
import org.jaynes.core.Checks;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.train.TrainingOptions;

/**
 * An initialisation experiment: the same network, optimiser and data trained once per arm (initialiser,
 * optionally with a warm-up) and seed. Seed k (0 ≤ k &lt; seeds) runs with {@code training.seed() + k} for
 * every arm, so the arms see the same orders of examples.
 *
 * @param training everything but the initialiser and the warm-up; its seed is the base seed
 * @param arms     compared, in report order, no two with the same label; each warm-up at most the epochs
 * @param seeds    runs per arm, at least 1
 */
public record InitExperimentOptions(TrainingOptions training, List<Arm> arms, int seeds) {

    public static final int DEFAULT_SEEDS = 3;

    public InitExperimentOptions {
        arms = List.copyOf(arms);
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one initialiser");
        }
        if (arms.stream().map(Arm::label).distinct().count() != arms.size()) {
            throw new IllegalArgumentException("each initialiser may appear once, not "
                    + arms.stream().map(Arm::label).toList());
        }
        for (Arm arm : arms) {
            if (arm.warmupEpochs() > training.epochs()) {
                throw new IllegalArgumentException("a warm-up of " + arm.warmupEpochs() + " epochs needs at least as "
                        + "many epochs, not " + training.epochs());
            }
        }
        Checks.atLeast("seeds", seeds, 1);
        if (!training.saveEpochs().isEmpty()) {
            throw new IllegalArgumentException("an experiment saves no weights");
        }
    }

    /** The experiment of {@code initializers} without warm-ups. */
    public static InitExperimentOptions of(TrainingOptions training, List<Initializer> initializers, int seeds) {
        return new InitExperimentOptions(training, initializers.stream().map(Arm::of).toList(), seeds);
    }

    /** The arms' initialisers, in order (one per arm, so an initialiser may appear twice). */
    public List<Initializer> initializers() {
        return arms.stream().map(Arm::initializer).toList();
    }

    /** The training options of {@code arm}'s run {@code k}. */
    public TrainingOptions training(Arm arm, int k) {
        return training.withInitializer(arm.initializer()).withWarmupEpochs(arm.warmupEpochs()).withSeed(seed(k));
    }

    /** The seed of run {@code k}. */
    public long seed(int k) {
        return training.seed() + k;
    }
}
