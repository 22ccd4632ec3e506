package org.jaynes.core.analysis;

import java.util.List;

/**
 * The neuron outputs of a model run on some inputs: every activation site in graph order, the same
 * statistics over all of them pooled, and the weight analysis they are paired with.
 *
 * @param options  the options of the analysis of each population (bins, bin convention) and of the weights
 * @param capture  how the model was run: the options the report records
 * @param setAside the sites that were found but not captured, with the reason
 * @param weights  the analysis of the model's weights with the same options
 */
public record ActivationResult(ModelSummary model, AnalysisOptions options, CaptureOptions capture,
                               ActivationInputs inputs, List<ActivationLayer> layers, List<SetAsideSite> setAside,
                               LayerResult pooled, UniversalitySummary universality, AnalysisResult weights) {

    public ActivationResult {
        layers = List.copyOf(layers);
        setAside = List.copyOf(setAside);
    }
}
