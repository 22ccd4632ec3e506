package org.jaynes.report.html;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.theory.MagnitudeBins;

/**
 * What a page of the neuron game shows ({@link NeuronGamePage}): plain values, built by the commands from
 * their results, so that this module needs nothing of the dynamics. Every part but the header may be
 * absent (an empty list or an empty optional), and the page then leaves its section out.
 *
 * @param kicker   the small line above the title, e.g. "Hopfield network · recall"
 * @param title    the page's heading
 * @param facts    the options, as term and value, shown under the title
 * @param findings plain sentences, one per bullet (recall rate, critical loads, verdicts)
 * @param traces   energy traces E(s) per sweep, one line each
 * @param capacity the recall rate against the load, one curve per network size
 * @param rbm      a restricted Boltzmann machine: learning curve, filters, weight microstructure
 */
public record NeuronGameInput(String kicker, String title, List<Map.Entry<String, String>> facts,
                              List<String> findings, List<Trace> traces, Optional<Capacity> capacity,
                              Optional<Rbm> rbm) {

    /** At most this many filters are drawn, so that the page stays small. */
    public static final int MAX_FILTERS = 64;
    /** The largest filter side drawn (Fashion-MNIST's 28). */
    public static final int MAX_FILTER_SIDE = 28;

    public NeuronGameInput {
        facts = List.copyOf(facts);
        findings = List.copyOf(findings);
        traces = List.copyOf(traces);
    }

    /**
     * One relaxation or annealing run.
     *
     * @param label  the legend entry
     * @param energy E(s) before the first sweep and after each one
     */
    public record Trace(String label, double[] energy) {

        public Trace {
            energy = energy.clone();
        }

        @Override
        public double[] energy() {
            return energy.clone();
        }
    }

    /**
     * The capacity experiment.
     *
     * @param curves one per network size
     * @param limit  the N → ∞ capacity drawn for reference (0.138 for Hebbian storage), NaN for none
     */
    public record Capacity(List<Curve> curves, double limit) {

        public Capacity {
            curves = List.copyOf(curves);
        }
    }

    /**
     * The recall rate of one network size against the load.
     *
     * @param label        the legend entry, e.g. "N = 100"
     * @param load         P/N of each point, ascending
     * @param recallRate   the share of probes recalled at each load
     * @param criticalLoad where the recall rate falls through ½; NaN when it never does
     */
    public record Curve(String label, double[] load, double[] recallRate, double criticalLoad) {

        public Curve {
            if (load.length != recallRate.length) {
                throw new IllegalArgumentException("one recall rate per load: " + load.length + " loads, "
                        + recallRate.length + " rates");
            }
            load = load.clone();
            recallRate = recallRate.clone();
        }

        @Override
        public double[] load() {
            return load.clone();
        }

        @Override
        public double[] recallRate() {
            return recallRate.clone();
        }
    }

    /**
     * A trained restricted Boltzmann machine.
     *
     * @param reconstructionError per epoch, epoch 0 (before training) first
     * @param pseudoLikelihood    pseudo-log-likelihood per visible unit, per epoch, epoch 0 first
     * @param filters             hidden units' weight vectors as images; empty when the data are not images
     * @param weights             the microstructure of all of W
     */
    public record Rbm(double[] reconstructionError, double[] pseudoLikelihood, Optional<Filters> filters,
                      Weights weights) {

        public Rbm {
            if (reconstructionError.length != pseudoLikelihood.length) {
                throw new IllegalArgumentException("one pseudo-likelihood per epoch: " + reconstructionError.length
                        + " errors, " + pseudoLikelihood.length + " pseudo-likelihoods");
            }
            reconstructionError = reconstructionError.clone();
            pseudoLikelihood = pseudoLikelihood.clone();
        }

        @Override
        public double[] reconstructionError() {
            return reconstructionError.clone();
        }

        @Override
        public double[] pseudoLikelihood() {
            return pseudoLikelihood.clone();
        }
    }

    /**
     * Filters: the weights of hidden unit j to every pixel, W[·, j], as a width × height image, row-major.
     *
     * @param width  image width, 1 to {@link #MAX_FILTER_SIDE}
     * @param height image height, 1 to {@link #MAX_FILTER_SIDE}
     * @param images at most {@link #MAX_FILTERS}, each of width · height values
     */
    public record Filters(int width, int height, List<double[]> images) {

        public Filters {
            if (!(width >= 1 && width <= MAX_FILTER_SIDE && height >= 1 && height <= MAX_FILTER_SIDE)) {
                throw new IllegalArgumentException("filters must be 1 to " + MAX_FILTER_SIDE + " pixels a side, not "
                        + width + " x " + height);
            }
            if (images.size() > MAX_FILTERS) {
                throw new IllegalArgumentException("at most " + MAX_FILTERS + " filters, not " + images.size());
            }
            images = images.stream().map(double[]::clone).toList();
            for (double[] image : images) {
                if (image.length != width * height) {
                    throw new IllegalArgumentException("a " + width + " x " + height + " filter needs "
                            + width * height + " values, not " + image.length);
                }
            }
        }

        @Override
        public List<double[]> images() {
            return images.stream().map(double[]::clone).toList();
        }
    }

    /**
     * The weight microstructure of one population (all of W): what {@code jaynes analyze} computes for a
     * layer.
     *
     * @param name      the population, e.g. "rbm.weight"
     * @param stats     n, μ and σ of ln|w|, KS distance from the lognormal
     * @param fits      the magnitude laws compared
     * @param histogram ln|w| in bins
     */
    public record Weights(String name, PopulationStats stats, FitComparison fits, MagnitudeBins histogram) {
    }
}
