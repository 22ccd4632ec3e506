package org.jaynes.core.analysis;

import java.util.List;

/**
 * The analysis of a model: every population in file order, every other tensor with the reason it is
 * set aside, and the pooled analysis over all populations (its tensor is named {@code pooled}).
 */
public record AnalysisResult(ModelSummary model, AnalysisOptions options, List<LayerResult> layers,
                             List<SetAside> setAside, LayerResult pooled, UniversalitySummary universality) {

    public AnalysisResult {
        layers = List.copyOf(layers);
        setAside = List.copyOf(setAside);
    }
}
