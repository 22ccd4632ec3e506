package org.jaynes.core.analysis;

import java.util.List;

/**
 * The neuron outputs of a model run on some inputs: every activation site in graph order, the same
 * statistics over all of them pooled, and the weight analysis they are paired with.
 *
 * @param weights the analysis of the model's weights with the same options
 */
public record ActivationResult(ModelSummary model, AnalysisOptions options, ActivationInputs inputs,
                               List<ActivationLayer> layers, LayerResult pooled, UniversalitySummary universality,
                               AnalysisResult weights) {

    public ActivationResult {
        layers = List.copyOf(layers);
    }
}
