package org.jaynes.nn.track;

import org.jaynes.core.analysis.ActivationSite;

/**
 * The microstructure of one activation layer's neuron outputs over a data set (docs/theory.md §3): the
 * population is |output| over every example and unit, exact zeros (ReLU) counted and left out of the fit,
 * negative outputs (GELU, tanh) counted, their magnitudes kept; measured exactly as weights are.
 *
 * @param outputs   μ, σ, KS, best law, gap and spread of |output|, zeros counted in {@code outputs.zeros()}
 * @param negatives outputs below zero
 */
public record OutputMicrostructure(LayerMicrostructure outputs, long negatives) {

    /** The microstructure of the outputs a site has accumulated, batch by batch. */
    public static OutputMicrostructure of(ActivationSite site) {
        return new OutputMicrostructure(LayerMicrostructure.of(site.name(), site.accumulator()), site.negatives());
    }
}
