package org.jaynes.core.analysis;

import java.nio.FloatBuffer;
import org.jaynes.core.stats.StreamingAccumulator;
import org.jaynes.core.tensor.DType;

/**
 * The outputs of one activation function of a running model, accumulated batch by batch (docs/theory.md §3): the
 * population is |output| over every input and position; exact zeros (ReLU) and negative outputs (GELU) are
 * counted apart, and zeros are left out of the fit. Values are summarised as they come, never kept. Not
 * thread-safe.
 *
 * @see ActivationAnalysis
 */
public final class ActivationSite {

    private static final int CHUNK = 1 << 14;

    private final String name;
    private final String tensor;
    private final String function;
    private final StreamingAccumulator accumulator = new StreamingAccumulator(DType.F32);
    private final float[] chunk = new float[CHUNK];
    private long negatives;
    private long width = -1;

    /**
     * @param name     the layer as users know it, e.g. {@code encoder.layer.0.intermediate.gelu}
     * @param tensor   the name of the output in the model's graph
     * @param function what produced the values, e.g. {@code gelu}, {@code attention-probabilities}
     */
    public ActivationSite(String name, String tensor, String function) {
        this.name = name;
        this.tensor = tensor;
        this.function = function;
    }

    public String name() {
        return name;
    }

    public String tensor() {
        return tensor;
    }

    public String function() {
        return function;
    }

    /**
     * Adds a batch of outputs.
     *
     * @param shape  the output's shape; its last dimension is the layer's width when every batch has the same
     * @param values the remaining values of the buffer, read from its position without moving it
     */
    public void accept(long[] shape, FloatBuffer values) {
        if (shape.length > 0) {
            long last = shape[shape.length - 1];
            width = width == -1 || width == last ? last : 0;
        }
        FloatBuffer view = values.duplicate();
        while (view.hasRemaining()) {
            int length = Math.min(CHUNK, view.remaining());
            view.get(chunk, 0, length);
            accept(chunk, length);
        }
    }

    /** Adds the first {@code length} values of {@code values}. */
    public void accept(float[] values, int length) {
        long below = 0;
        for (int i = 0; i < length; i++) {
            if (values[i] < 0) {
                below++;
            }
        }
        negatives += below;
        accumulator.accept(values, length);
    }

    /** Outputs below zero seen so far. */
    public long negatives() {
        return negatives;
    }

    /** The last dimension of every output seen; −1 before any, 0 when it varied (attention over sentences). */
    long width() {
        return width;
    }

    /** The summary of |output| so far, for callers that measure it their own way (the training tracker). */
    public StreamingAccumulator accumulator() {
        return accumulator;
    }
}
