package org.jaynes.nn.train;

/** Hears about a run's progress; for progress lines. Called on the training thread. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /** After {@code step} of {@code stepsPerEpoch} steps of {@code epoch} (1-based). */
    default void step(int epoch, int step, int stepsPerEpoch, double loss) {
    }

    /** After an epoch has been measured (also epoch 0). */
    default void epoch(EpochRecord record) {
    }
}
