package org.jaynes.report.html;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the page of a training run shows ({@link TrainingPage}): plain values, built by the command from
 * its result, so that this module needs nothing of the training engine.
 *
 * @param title       the page's heading, e.g. "teacher · 16,64,4 · he"
 * @param data        the data set's name
 * @param trainSize   training examples
 * @param testSize    test examples
 * @param options     the options as the command line spells them, as term and value
 * @param conventions what each reported number is, as term and definition
 * @param epochs      epoch 0 (at initialisation) first, at least one; every epoch names the same layers in
 *                    the same order
 */
public record TrainingInput(String title, String data, long trainSize, long testSize,
                            List<Map.Entry<String, String>> options, List<Map.Entry<String, String>> conventions,
                            List<Epoch> epochs) implements RunPageInput {

    public TrainingInput {
        options = List.copyOf(options);
        conventions = List.copyOf(conventions);
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("a training page needs at least one epoch record");
        }
        List<String> names = epochs.get(0).layerNames();
        for (Epoch e : epochs) {
            if (!e.layerNames().equals(names)) {
                throw new IllegalArgumentException("epoch " + e.epoch() + " has the layers " + e.layerNames()
                        + ", epoch " + epochs.get(0).epoch() + " has " + names);
            }
        }
    }

    /** The layers' names, in order. */
    public List<String> layerNames() {
        return epochs.get(0).layerNames();
    }

    /** The last epoch's record. */
    public Epoch last() {
        return epochs.get(epochs.size() - 1);
    }

    /**
     * The state after one epoch.
     *
     * @param epoch        0 (at initialisation), 1, …
     * @param trainLoss    mean loss over the epoch's steps; NaN for epoch 0
     * @param testLoss     mean loss on the test set
     * @param testAccuracy share of the test set classified correctly
     * @param seconds      wall time of the epoch's steps
     * @param layers       every layer's microstructure, in order
     * @param saved        where the weights after this epoch were saved, if they were
     */
    public record Epoch(int epoch, double trainLoss, double testLoss, double testAccuracy, double seconds,
                        List<Layer> layers, Optional<String> saved) {

        public Epoch {
            layers = List.copyOf(layers);
        }

        List<String> layerNames() {
            return layers.stream().map(Layer::name).toList();
        }
    }

    /**
     * One layer's weight microstructure at one epoch, as {@code jaynes analyze} measures a population.
     *
     * @param name          e.g. {@code layers.0.weight}
     * @param n             elements
     * @param zeros         exact zeros, left out of the fit
     * @param mu            mean of ln|w|
     * @param sigma         standard deviation of ln|w|
     * @param ks            KS distance of ln|w| from N(μ, σ)
     * @param rms           √E[w²]
     * @param bestFamily    the magnitude law with the lowest AIC
     * @param verdict       the comparison of the laws in one sentence
     * @param arbitrageGap  KL(x ‖ x*) in nats
     * @param utilitySpread count-weighted standard deviation of the effective utilities
     */
    public record Layer(String name, long n, long zeros, double mu, double sigma, double ks, double rms,
                        String bestFamily, String verdict, double arbitrageGap, double utilitySpread) {
    }
}
