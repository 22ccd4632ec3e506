package org.jaynes.core.analysis;

import java.util.Optional;

/**
 * One activation function's outputs analysed like a weight population, with the weights beside them: the
 * two lognormals of docs/theory.md §3.
 *
 * @param result    the statistics, fits and game of |output| (zeros counted in {@code result.stats().zeros()})
 * @param function  what produced the outputs, e.g. {@code gelu}, {@code attention-probabilities}
 * @param negatives outputs below zero (their magnitudes are in the population)
 * @param weights   the weight population that feeds this layer, when the model has one to pair with
 */
public record ActivationLayer(LayerResult result, String function, long negatives, Optional<LayerResult> weights) {
}
