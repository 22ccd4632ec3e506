package org.jaynes.core.analysis;

import java.util.Optional;
import org.jaynes.core.Checks;

/**
 * How a model was run to capture its neuron outputs: the options of {@code activations}, which its reports
 * record as their options (the weight analysis' options, such as {@code --include} or {@code --baseline}, do
 * not apply to neuron outputs). Every default is in {@link #DEFAULTS}.
 *
 * @param batch     inputs per forward pass, at least 1
 * @param maxLength the token count texts were cut to, when the inputs were texts and a length was given
 * @param rows      the inputs drawn, when the inputs were random
 * @param seed      the seed of the random inputs, when the inputs were random
 * @param threads   threads of the model and the analysis, at least 1 (the results do not depend on it)
 */
public record CaptureOptions(int batch, Optional<Integer> maxLength, Optional<Integer> rows, Optional<Long> seed,
                             int threads) {

    /** Inputs per forward pass unless told otherwise. */
    public static final int DEFAULT_BATCH = 16;

    /** The defaults: batches of {@value #DEFAULT_BATCH}, the inputs' own lengths, one thread per core. */
    public static final CaptureOptions DEFAULTS = new CaptureOptions(DEFAULT_BATCH, Optional.empty(),
            Optional.empty(), Optional.empty(), AnalysisOptions.DEFAULTS.threads());

    public CaptureOptions {
        if (batch < 1) {
            throw new IllegalArgumentException("a batch needs at least one input, not " + batch);
        }
        Checks.atLeast("threads", threads, 1);
    }

    public CaptureOptions withBatch(int batch) {
        return new CaptureOptions(batch, maxLength, rows, seed, threads);
    }

    public CaptureOptions withMaxLength(int maxLength) {
        return new CaptureOptions(batch, Optional.of(maxLength), rows, seed, threads);
    }

    /** Random inputs: {@code rows} of them, drawn with {@code seed}. */
    public CaptureOptions withRandomInputs(int rows, long seed) {
        return new CaptureOptions(batch, maxLength, Optional.of(rows), Optional.of(seed), threads);
    }

    public CaptureOptions withThreads(int threads) {
        return new CaptureOptions(batch, maxLength, rows, seed, threads);
    }
}
