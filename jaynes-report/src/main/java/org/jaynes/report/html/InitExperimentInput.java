package org.jaynes.report.html;

import java.util.List;
import java.util.Map;

/**
 * What the page of an initialisation experiment shows ({@link InitExperimentPage}): plain values, built by
 * the command from its result, so that this module needs nothing of the training engine.
 *
 * @param title        the page's heading
 * @param data         the data set's name
 * @param trainSize    training examples
 * @param testSize     test examples
 * @param options      the options as the command line spells them, as term and value
 * @param conventions  what each reported number is, as term and definition
 * @param rule         the verdicts' rule in one line
 * @param initializers one per initialiser, in report order, at least one
 * @param verdicts     the pairs compared
 */
public record InitExperimentInput(String title, String data, long trainSize, long testSize,
                                  List<Map.Entry<String, String>> options,
                                  List<Map.Entry<String, String>> conventions, String rule,
                                  List<InitializerRuns> initializers, List<Verdict> verdicts) implements RunPageInput {

    public InitExperimentInput {
        options = List.copyOf(options);
        conventions = List.copyOf(conventions);
        initializers = List.copyOf(initializers);
        verdicts = List.copyOf(verdicts);
        if (initializers.isEmpty()) {
            throw new IllegalArgumentException("an experiment page needs at least one initialiser");
        }
    }

    /**
     * Mean and sample standard deviation over seeds.
     *
     * @param n                 seeds
     * @param mean              NaN when n = 0
     * @param standardDeviation NaN when n &lt; 2
     */
    public record Spread(long n, double mean, double standardDeviation) {
    }

    /**
     * One epoch over seeds.
     *
     * @param epoch        0 (at initialisation), 1, …
     * @param testAccuracy over seeds
     * @param testLoss     over seeds
     */
    public record EpochSpread(int epoch, Spread testAccuracy, Spread testLoss) {
    }

    /**
     * One layer after the last epoch, over seeds.
     *
     * @param name       e.g. {@code layers.0.weight}
     * @param sigma      σ of ln|w| over seeds
     * @param bestFamily the best law by AIC in most seeds
     * @param votes      seeds in which it was the best law
     */
    public record LayerSpread(String name, Spread sigma, String bestFamily, int votes) {
    }

    /**
     * One initialiser's runs.
     *
     * @param label        e.g. "lognormal σ 1"
     * @param epochs       epochs 0 … E
     * @param seedAccuracy each seed's test accuracy per epoch (drawn faint); empty when not known
     * @param seedLoss     each seed's test loss per epoch; as many seeds as {@code seedAccuracy}
     * @param finalLayers  each layer after the last epoch
     */
    public record InitializerRuns(String label, List<EpochSpread> epochs, List<double[]> seedAccuracy,
                                  List<double[]> seedLoss, List<LayerSpread> finalLayers) {

        public InitializerRuns {
            epochs = List.copyOf(epochs);
            seedAccuracy = seedAccuracy.stream().map(double[]::clone).toList();
            seedLoss = seedLoss.stream().map(double[]::clone).toList();
            finalLayers = List.copyOf(finalLayers);
            if (epochs.isEmpty()) {
                throw new IllegalArgumentException(label + ": at least one epoch is needed");
            }
            if (seedAccuracy.size() != seedLoss.size()) {
                throw new IllegalArgumentException(label + ": " + seedAccuracy.size() + " seeds of accuracy but "
                        + seedLoss.size() + " of loss");
            }
            for (List<double[]> seeds : List.of(seedAccuracy, seedLoss)) {
                for (double[] values : seeds) {
                    if (values.length != epochs.size()) {
                        throw new IllegalArgumentException(label + ": a seed has " + values.length
                                + " values for " + epochs.size() + " epochs");
                    }
                }
            }
        }

        @Override
        public List<double[]> seedAccuracy() {
            return seedAccuracy.stream().map(double[]::clone).toList();
        }

        @Override
        public List<double[]> seedLoss() {
            return seedLoss.stream().map(double[]::clone).toList();
        }
    }

    /**
     * Two initialisers compared on the final test accuracy.
     *
     * @param first      the initialiser compared
     * @param second     the one it is compared with
     * @param difference mean of first − mean of second
     * @param threshold  what |difference| must exceed; NaN when it cannot be computed
     * @param verdict    the outcome in words, e.g. "lognormal better"
     */
    public record Verdict(String first, String second, double difference, double threshold, String verdict) {
    }
}
