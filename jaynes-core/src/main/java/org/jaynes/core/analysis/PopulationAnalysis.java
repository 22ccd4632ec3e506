package org.jaynes.core.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.LogAbsHistogram;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.stats.Quantiles;
import org.jaynes.core.stats.Refinement;
import org.jaynes.core.stats.RefiningAccumulator;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.core.theory.GameView;
import org.jaynes.core.theory.HistogramFit;
import org.jaynes.core.theory.MagnitudeBins;

/**
 * The one analysis of one population, wherever its values come from (a tensor in a file, the weights of
 * a network being trained, a machine's weights, neuron outputs): {@code summarise} reads every value
 * into a {@link PopulationSummary}, {@code analyse} turns a summary into a {@link LayerResult}. Every
 * command's μ, σ, KS distance, best law and arbitrage gap come from here, so one layer gets the same
 * numbers from {@code jaynes analyze}, {@code train}, {@code boltzmann rbm} and {@code simulate --from}.
 *
 * <p>f32 values are read twice ({@link RefiningAccumulator}), the second time only for the cells the
 * analysis under {@code options} needs finely ({@link RefinementPlaces}); other dtypes are read once.
 */
public final class PopulationAnalysis {

    /** Bytes of a tensor handed to an accumulator at once. */
    private static final int WINDOW_BYTES = 16 << 20;

    private PopulationAnalysis() {
    }

    /** One pass over a population's bytes, handed to {@code sink} window by window. */
    @FunctionalInterface
    private interface Pass {
        void run(java.util.function.Consumer<ByteBuffer> sink) throws IOException;
    }

    /** The summary of every element of {@code tensor}, refined for the analysis under {@code options}. */
    public static PopulationSummary summarise(Tensor tensor, AnalysisOptions options) throws IOException {
        int element = tensor.dtype().byteSize();
        int window = WINDOW_BYTES / element * element;
        long length = tensor.data().length();
        return summarise(tensor.dtype(), sink -> {
            for (long offset = 0; offset < length; offset += window) {
                sink.accept(tensor.data().window(offset, (int) Math.min(window, length - offset)));
            }
        }, options);
    }

    /** The summary of {@code values} (all of them), refined for the default analysis. */
    public static PopulationSummary summarise(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return inMemory(DType.F32, bytes);
    }

    /** The summary of {@code values} (all of them). */
    public static PopulationSummary summarise(double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(values);
        return inMemory(DType.F64, bytes);
    }

    private static PopulationSummary inMemory(DType dtype, ByteBuffer bytes) {
        try {
            return summarise(dtype, sink -> sink.accept(bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN)),
                    AnalysisOptions.DEFAULTS);
        } catch (IOException e) {
            throw new IllegalStateException("memory cannot fail to read", e);
        }
    }

    private static PopulationSummary summarise(DType dtype, Pass pass, AnalysisOptions options) throws IOException {
        PopulationAccumulator accumulator = accumulatorFor(dtype);
        pass.run(accumulator::accept);
        if (accumulator instanceof RefiningAccumulator refining) {
            refine(refining, options, pass);
        }
        return PopulationSummary.of(accumulator);
    }

    /** The accumulator of {@code dtype}'s values: f32 values are read twice, others once. */
    static PopulationAccumulator accumulatorFor(DType dtype) {
        return dtype == DType.F32 ? new RefiningAccumulator() : PopulationAccumulator.of(dtype);
    }

    /**
     * Refines the cells the analysis under {@code options} needs finely, counting them in a second
     * {@code pass} over the same bytes.
     */
    private static void refine(RefiningAccumulator accumulator, AnalysisOptions options, Pass pass)
            throws IOException {
        Refinement refinement = accumulator.refinement(RefinementPlaces.of(accumulator.fitInput(), options));
        if (!refinement.isEmpty()) {
            Refinement.Counter counter = refinement.counter();
            pass.run(counter::count);
            LogAbsHistogram fine = new LogAbsHistogram();
            counter.drainInto(fine);
            accumulator.refine(refinement, fine);
        }
    }

    /** The analysis of a population without a baseline. */
    public static LayerResult analyse(TensorInfo tensor, PopulationSummary summary, AnalysisOptions options) {
        return analyse(tensor, summary, options, Optional.empty());
    }

    /** The analysis of a population, with the analysis of its baseline when there is one. */
    public static LayerResult analyse(TensorInfo tensor, PopulationSummary summary, AnalysisOptions options,
                                      Optional<LayerResult> baseline) {
        PopulationStats stats = summary.stats();
        FitInput input = summary.fit();
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
