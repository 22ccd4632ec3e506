package org.jaynes.core.analysis;

import org.jaynes.core.stats.CopiedCells;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.stats.PopulationStats;

/**
 * Everything the analysis of one population needs, taken from its accumulator once it has seen every
 * value: the statistics of docs/theory.md §4 and the input of the distribution fits, its cells copied so
 * that the summary does not change with the accumulator. Made by {@link PopulationAnalysis}.
 *
 * @param stats counts, moments, μ, σ and the KS distance
 * @param fit   the sums and cells the fits, the histogram, the game and the quantiles use
 */
public record PopulationSummary(PopulationStats stats, FitInput fit) {

    public PopulationSummary {
        fit = new FitInput(fit.n(), fit.meanLog(), fit.varianceLog(), fit.meanAbs(), fit.meanSquare(), fit.minAbs(),
                fit.maxAbs(), CopiedCells.of(fit.cells()));
    }

    /** The summary of what a complete accumulator has seen (its result is computed here, once). */
    public static PopulationSummary of(PopulationAccumulator accumulator) {
        return new PopulationSummary(accumulator.result(), accumulator.fitInput());
    }
}
