package org.jaynes.core.analysis;

import java.util.Optional;

/**
 * What a model was run on to capture its neuron outputs; every activation report states it, because the
 * outputs depend on it.
 *
 * @param source    e.g. the text file, the {@code .npy} file, or {@code random}
 * @param inputs    examples run (texts, rows)
 * @param positions positions over all inputs (tokens for text; equal to {@code inputs} otherwise)
 * @param batches   forward passes
 * @param warning   a caveat the report must show, e.g. that random inputs were used
 */
public record ActivationInputs(String source, long inputs, long positions, int batches, Optional<String> warning) {
}
