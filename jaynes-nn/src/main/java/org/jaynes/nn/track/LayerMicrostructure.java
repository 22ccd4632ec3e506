package org.jaynes.nn.track;

import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.PopulationAnalysis;
import org.jaynes.core.analysis.PopulationSummary;
import org.jaynes.core.analysis.TensorInfo;
import org.jaynes.core.fit.Family;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;

/**
 * The microstructure of one weight matrix at one moment (docs/theory.md §2, §5): μ and σ of ln|w|, the KS
 * distance of ln|w| from N(μ, σ), the best magnitude law by AIC with its one-sentence verdict, and the
 * arbitrage gap and utility spread of the connection game whose equilibrium is the fitted lognormal,
 * over {@link #BINS} bins equal in ln w between the smallest and largest |w|. Computed by
 * {@link PopulationAnalysis}, exactly as {@code jaynes analyze} computes them.
 *
 * @param name          the weight's name ({@code layers.0.weight})
 * @param n             elements
 * @param zeros         exact zeros (left out of the fit)
 * @param mu            mean of ln|w|
 * @param sigma         standard deviation of ln|w|
 * @param ks            KS distance of ln|w| from N(mu, sigma)
 * @param rms           √E[w²]
 * @param bestFamily    the magnitude law with the lowest AIC, or {@code none}
 * @param verdict       the comparison's sentence
 * @param arbitrageGap  KL(x ‖ x*) in nats
 * @param utilitySpread count-weighted standard deviation of the effective utilities
 */
public record LayerMicrostructure(String name, long n, long zeros, double mu, double sigma, double ks, double rms,
                                  String bestFamily, String verdict, double arbitrageGap, double utilitySpread) {

    /** Bins of the game view: the analysis's default, as in {@code jaynes analyze}. */
    public static final int BINS = AnalysisOptions.DEFAULT_BINS;

    /** Measures the weights {@code values} (all of them). */
    public static LayerMicrostructure of(String name, float[] values) {
        return of(name, PopulationAnalysis.summarise(values));
    }

    /** Measures the population an accumulator has seen (neuron outputs streamed batch by batch). */
    public static LayerMicrostructure of(String name, PopulationAccumulator accumulator) {
        return of(name, PopulationSummary.of(accumulator));
    }

    /**
     * The view of the one population analysis ({@link PopulationAnalysis}) a training record keeps; the gap
     * and spread are not defined (NaN) for a population without spread.
     */
    public static LayerMicrostructure of(String name, PopulationSummary summary) {
        PopulationStats stats = summary.stats();
        FitInput input = summary.fit();
        LayerResult result = PopulationAnalysis.analyse(new TensorInfo(name, name, Role.OTHER, Shape.of(stats.n()),
                DType.F32), summary, AnalysisOptions.DEFAULTS);
        boolean spread = input.n() > 1 && input.maxAbs() > input.minAbs() && stats.sigma() > 0;
        FitComparison fits = result.fits();
        return new LayerMicrostructure(name, stats.n(), stats.zeros(), stats.mu(), stats.sigma(), stats.ks(),
                Math.sqrt(input.meanSquare()), fits.best().map(Family::key).orElse("none"), fits.verdict(),
                spread ? result.game().arbitrageGap() : Double.NaN,
                spread ? result.game().utilitySpread() : Double.NaN);
    }
}
