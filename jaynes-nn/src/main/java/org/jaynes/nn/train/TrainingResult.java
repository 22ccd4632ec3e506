package org.jaynes.nn.train;

import java.util.List;

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
 */
public record TrainingResult(TrainingOptions options, String data, int trainSize, int testSize,
                             List<EpochRecord> epochs, List<float[]> finalWeights) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
        finalWeights = List.copyOf(finalWeights);
    }

    /** The last epoch's record. */
    public EpochRecord last() {
        return epochs.get(epochs.size() - 1);
    }
}
