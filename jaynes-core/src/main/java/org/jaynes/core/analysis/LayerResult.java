package org.jaynes.core.analysis;

import java.util.Optional;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.theory.GameView;

/**
 * One population's analysis.
 *
 * @param tensor       what the tensor is
 * @param stats        the summary of THEORY.md §4: counts, moments, μ, σ, KS
 * @param normalizedMu μ − ln c under the options' normalisation
 * @param r2           paper-style R² of the fitted lognormal density against the histogram of ln|w|
 * @param game         the layer as a connection game: (α, β), utilities, spread, arbitrage gap
 * @param baseline     the same analysis of the options' null model of this layer, when one was asked for
 */
public record LayerResult(TensorInfo tensor, PopulationStats stats, double normalizedMu, double r2, GameView game,
                          Optional<LayerResult> baseline) {
}
