package org.jaynes.core.analysis;

import java.util.Optional;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.stats.Quantiles;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.core.theory.GameView;
import org.jaynes.core.theory.HistogramFit;
import org.jaynes.core.theory.MagnitudeBins;

/** Everything said about one population once its accumulator has seen all its values. */
final class LayerAnalysis {

    private LayerAnalysis() {
    }

    /**
     * The analysis of a complete population.
     *
     * @param stats {@code accumulator.result()}, which callers often need first (it costs a pass over the cells)
     */
    static LayerResult of(TensorInfo tensor, PopulationAccumulator accumulator, PopulationStats stats,
                          AnalysisOptions options, Optional<LayerResult> baseline) {
        FitInput input = accumulator.fitInput();
        FitComparison fits = FitComparison.of(input);
        if (input.n() == 0) {
            GameParameters none = GameParameters.fromLognormal(Double.NaN, Double.NaN, options.convention());
            MagnitudeBins empty = new MagnitudeBins(BinConvention.LOG, new double[0], new long[0], 0);
            return new LayerResult(tensor, stats, Double.NaN, Double.NaN, new GameView(none, new double[0],
                    Double.NaN, Double.NaN), fits, empty, new double[0], baseline);
        }
        double lnScale = Math.log(options.normalization().scale(input));
        double normalizedMu = stats.mu() - lnScale;
        MagnitudeBins logBins = MagnitudeBins.of(input.cells(), BinConvention.LOG, options.bins(), input.minAbs(),
                input.maxAbs());
        MagnitudeBins gameBins = options.convention() == BinConvention.LOG ? logBins
                : MagnitudeBins.of(input.cells(), options.convention(), options.bins(), input.minAbs(), input.maxAbs());
        GameParameters game = GameParameters.fromLognormal(normalizedMu, stats.sigma(), options.convention());
        double[] quantiles = Quantiles.ofLnMagnitude(input.cells(), input.n(),
                Quantiles.plottingPositions(LayerResult.QUANTILES));
        return new LayerResult(tensor, stats, normalizedMu, HistogramFit.lognormalR2(logBins, stats.mu(), stats.sigma()),
                GameView.of(gameBins, game, lnScale), fits, logBins, quantiles, baseline);
    }
}
