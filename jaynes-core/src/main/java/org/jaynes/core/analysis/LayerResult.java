package org.jaynes.core.analysis;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.theory.GameView;
import org.jaynes.core.theory.MagnitudeBins;

/**
 * One population's analysis.
 *
 * @param tensor       what the tensor is
 * @param stats        the summary of docs/theory.md §4: counts, moments, μ, σ, KS
 * @param normalizedMu μ − ln c under the options' normalisation
 * @param r2           paper-style R² of the fitted lognormal density against the histogram of ln|w|
 * @param game         the layer as a connection game: (α, β), utilities, spread, arbitrage gap
 * @param fits         every distribution family fitted, the best by AIC, Vuong's tests and the verdict
 * @param histogram    counts of ln|w| in the options' number of bins equal in ln|w|, for plots and R²
 * @param lnQuantiles  ln|w| at the plotting positions {@code Quantiles.plottingPositions(QUANTILES)}, for Q–Q plots
 * @param baseline     the same analysis of the options' null model of this layer, when one was asked for
 *
 * <p>Serialisable, so that an analysis may run on another machine (a survey's fits on Spark's executors).
 */
public record LayerResult(TensorInfo tensor, PopulationStats stats, double normalizedMu, double r2, GameView game,
                          FitComparison fits, MagnitudeBins histogram, double[] lnQuantiles,
                          Optional<LayerResult> baseline) implements Serializable {

    /** Points of the Q–Q plot. */
    public static final int QUANTILES = 99;

    /** Serialised as {@link Serialized}: an {@code Optional} is not serialisable. */
    @Serial
    private Object writeReplace() {
        return new Serialized(tensor, stats, normalizedMu, r2, game, fits, histogram, lnQuantiles,
                baseline.orElse(null));
    }

    /** The serialised form: the baseline null when there is none. */
    private record Serialized(TensorInfo tensor, PopulationStats stats, double normalizedMu, double r2,
                              GameView game, FitComparison fits, MagnitudeBins histogram, double[] lnQuantiles,
                              LayerResult baseline) implements Serializable {

        @Serial
        private Object readResolve() {
            return new LayerResult(tensor, stats, normalizedMu, r2, game, fits, histogram, lnQuantiles,
                    Optional.ofNullable(baseline));
        }
    }
}
