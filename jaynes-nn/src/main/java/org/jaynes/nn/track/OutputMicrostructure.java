package org.jaynes.nn.track;

import org.jaynes.core.stats.StreamingAccumulator;
import org.jaynes.core.tensor.DType;

/**
 * The microstructure of one activation layer's neuron outputs over a data set (THEORY.md §3): the
 * population is |output| over every example and unit, exact zeros (ReLU) counted and left out of the fit,
 * negative outputs (GELU, tanh) counted, their magnitudes kept; measured exactly as weights are.
 *
 * @param outputs   μ, σ, KS, best law, gap and spread of |output|, zeros counted in {@code outputs.zeros()}
 * @param negatives outputs below zero
 */
public record OutputMicrostructure(LayerMicrostructure outputs, long negatives) {

    /** Accumulates one activation layer's outputs batch by batch, keeping none of them. Not thread-safe. */
    public static final class Accumulator {

        private final String name;
        private final StreamingAccumulator values = new StreamingAccumulator(DType.F32);
        private long negatives;

        public Accumulator(String name) {
            this.name = name;
        }

        /** Adds the first {@code length} outputs of {@code batch}. */
        public void accept(float[] batch, int length) {
            for (int i = 0; i < length; i++) {
                if (batch[i] < 0) {
                    negatives++;
                }
            }
            values.accept(batch, length);
        }

        public OutputMicrostructure result() {
            return new OutputMicrostructure(LayerMicrostructure.of(name, values), negatives);
        }
    }
}
