package org.jaynes.nn.train;

import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import org.jaynes.nn.track.LayerMicrostructure;
import org.jaynes.nn.track.OutputMicrostructure;

/**
 * The state of a run after one epoch (epoch 0: at initialisation, before any step).
 *
 * @param epoch        0, 1, …
 * @param trainLoss    mean loss over the epoch's steps (NaN for epoch 0)
 * @param testLoss     mean loss on the test set
 * @param testAccuracy share of the test set classified correctly
 * @param seconds      wall time of the epoch's training steps (0 for epoch 0)
 * @param cpuSeconds   CPU time of the whole process over those steps, every thread counted (0 for epoch 0): on a
 *                     busy machine a steadier measure of the work than the wall time
 * @param layers       the microstructure of every weight (convolutions and dense layers), in order
 * @param saved        the safetensors file written after this epoch, if any
 * @param outputs      the microstructure of every activation layer's outputs on the test set, in order
 *                     (named as {@code Network.activationNames()})
 */
public record EpochRecord(int epoch, double trainLoss, double testLoss, double testAccuracy, double seconds, double cpuSeconds,
                          List<LayerMicrostructure> layers, Optional<Path> saved,
                          List<OutputMicrostructure> outputs) {

    public EpochRecord {
        layers = List.copyOf(layers);
        outputs = List.copyOf(outputs);
    }
}
