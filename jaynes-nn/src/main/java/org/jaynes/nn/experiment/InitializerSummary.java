package org.jaynes.nn.experiment;

import java.util.List;
import org.jaynes.nn.init.Initializer;

/**
 * One arm (an initialiser, with or without a warm-up) over all seeds.
 *
 * @param arm         the initialiser and warm-up
 * @param epochs      epochs 0 … E, each with test accuracy and loss over seeds
 * @param finalLayers each dense layer after the last epoch: σ of ln|w| over seeds and the most frequent best law
 */
public record InitializerSummary(Arm arm, List<EpochSummary> epochs, List<LayerSummary> finalLayers) {

    public InitializerSummary {
        epochs = List.copyOf(epochs);
        finalLayers = List.copyOf(finalLayers);
    }

    /** The arm's initialiser. */
    public Initializer initializer() {
        return arm.initializer();
    }

    /** The last epoch's summary. */
    public EpochSummary last() {
        return epochs.get(epochs.size() - 1);
    }

    /**
     * One epoch over seeds.
     *
     * @param epoch        0 (initialisation), 1, …
     * @param testAccuracy over seeds
     * @param testLoss     over seeds
     */
    public record EpochSummary(int epoch, SeedSpread.Summary testAccuracy, SeedSpread.Summary testLoss) {
    }

    /**
     * One layer after the last epoch, over seeds.
     *
     * @param name       {@code layers.0.weight}
     * @param sigma      σ of ln|w| over seeds
     * @param bestFamily the best law by AIC in most seeds (ties: the first seed's among the tied)
     * @param votes      seeds in which it was the best law
     */
    public record LayerSummary(String name, SeedSpread.Summary sigma, String bestFamily, int votes) {
    }
}
