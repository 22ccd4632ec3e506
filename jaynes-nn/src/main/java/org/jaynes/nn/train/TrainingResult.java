package org.jaynes.nn.train;

import java.util.List;
import org.jaynes.nn.warmup.WarmupRecord;

/**
 * A finished run: its options, the data it used and one record per epoch, epoch 0 (initialisation) first.
 *
 * @param options    what was run
 * @param data       the data set's name
 * @param trainSize  training examples
 * @param testSize   test examples
 * @param epochs     epochs 0 … options.epochs()
 * @param finalWeights every weight at the end (convolutions and dense layers), in order, row-major as PyTorch
 *                     stores it ([out, in] or [out, in, k, k])
 * @param steps      the records every {@code options.trackEvery()} steps (empty when it is 0)
 * @param warmup     the learned laws after each warm-up epoch, 0 first (empty without a warm-up)
 */
public record TrainingResult(TrainingOptions options, String data, int trainSize, int testSize,
                             List<EpochRecord> epochs, List<float[]> finalWeights, List<StepRecord> steps,
                             List<WarmupRecord> warmup) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
        finalWeights = List.copyOf(finalWeights);
        steps = List.copyOf(steps);
        warmup = List.copyOf(warmup);
    }

    /** The last epoch's record. */
    public EpochRecord last() {
        return epochs.get(epochs.size() - 1);
    }
}
