package org.jaynes.nn.train;

import java.util.List;
import org.jaynes.nn.track.LayerMicrostructure;

/**
 * The state of a run after a step, recorded every {@code trackEvery} steps and after the run's last step.
 *
 * @param step        steps taken since the start of the run (1-based, across epochs)
 * @param epoch       the epoch the step belongs to (1-based)
 * @param stepInEpoch the step within its epoch (1-based)
 * @param trainLoss   mean loss of the steps since the previous record (per example)
 * @param steps       how many steps that mean covers
 * @param layers      the microstructure of every dense weight, in order
 */
public record StepRecord(long step, int epoch, int stepInEpoch, double trainLoss, int steps,
                         List<LayerMicrostructure> layers) {

    public StepRecord {
        layers = List.copyOf(layers);
    }
}
