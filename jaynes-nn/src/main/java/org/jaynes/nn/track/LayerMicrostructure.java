package org.jaynes.nn.track;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jaynes.core.fit.Family;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.core.theory.GameView;
import org.jaynes.core.theory.MagnitudeBins;

/**
 * The microstructure of one weight matrix at one moment (docs/theory.md §2, §5): μ and σ of ln|w|, the KS
 * distance of ln|w| from N(μ, σ), the best magnitude law by AIC with its one-sentence verdict, and the
 * arbitrage gap and utility spread of the connection game whose equilibrium is the fitted lognormal,
 * over {@link #BINS} bins equal in ln w between the smallest and largest |w|. Computed by jaynes-core's
 * streaming statistics, exactly as {@code jaynes analyze} computes them.
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

    /** Bins of the game view, as in {@code jaynes analyze}. */
    public static final int BINS = 100;

    /** Measures the weights {@code values} (all of them). */
    public static LayerMicrostructure of(String name, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        PopulationAccumulator accumulator = PopulationAccumulator.of(DType.F32);
        accumulator.accept(bytes);
        return of(name, accumulator);
    }

    /** Measures the population an accumulator has seen (weights, or neuron outputs streamed batch by batch). */
    public static LayerMicrostructure of(String name, PopulationAccumulator accumulator) {
        PopulationStats stats = accumulator.result();
        FitInput input = accumulator.fitInput();
        FitComparison fits = FitComparison.of(input);
        double gap = Double.NaN;
        double spread = Double.NaN;
        if (input.n() > 1 && input.maxAbs() > input.minAbs() && stats.sigma() > 0) {
            MagnitudeBins bins = MagnitudeBins.of(input.cells(), BinConvention.LOG, BINS, input.minAbs(),
                    input.maxAbs());
            GameView game = GameView.of(bins, GameParameters.fromLognormal(stats.mu(), stats.sigma(),
                    BinConvention.LOG), 0);
            gap = game.arbitrageGap();
            spread = game.utilitySpread();
        }
        return new LayerMicrostructure(name, stats.n(), stats.zeros(), stats.mu(), stats.sigma(), stats.ks(),
                Math.sqrt(input.meanSquare()), fits.best().map(Family::key).orElse("none"), fits.verdict(), gap,
                spread);
    }
}
