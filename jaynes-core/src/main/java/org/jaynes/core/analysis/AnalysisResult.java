package org.jaynes.core.analysis;

import java.util.List;
import org.jaynes.core.stats.PopulationStats;

/**
 * The analysis of a model: every population in file order, every other tensor with the reason it is
 * set aside, and the pooled summary over all populations.
 */
public record AnalysisResult(ModelSummary model, AnalysisOptions options, List<LayerResult> layers,
                             List<SetAside> setAside, PopulationStats pooled) {

    public AnalysisResult {
        layers = List.copyOf(layers);
        setAside = List.copyOf(setAside);
    }
}
