package org.jaynes.core.analysis;

import org.jaynes.core.stats.PopulationStats;

/** One population's analysis. */
public record LayerResult(TensorInfo tensor, PopulationStats stats) {
}
