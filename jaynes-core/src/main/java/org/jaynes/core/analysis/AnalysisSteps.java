package org.jaynes.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jaynes.core.model.Model;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.stats.Refinement;
import org.jaynes.core.stats.RefiningAccumulator;
import org.jaynes.core.stats.StreamingAccumulator;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;

/**
 * The steps of {@link ModelAnalyzer}'s analysis of a model, for an engine that reads the bytes elsewhere
 * (on the machines of a cluster) and must give the same numbers: which tensors are populations, the
 * accumulator of a dtype, the cells a refining accumulator wants counted finely, and the analyses of
 * the finished populations and the pool. The order of the work is the caller's to keep: segments merged in
 * file order ({@link Segment}), populations pooled in population order, the first {@value #MAX_WAITING}
 * f32 populations refined with the pool's cells as well. Stateless and thread-safe.
 */
public final class AnalysisSteps {

    /** How many f32 populations at most have their second read count the pool's cells too. */
    public static final int MAX_WAITING = ModelAnalyzer.MAX_WAITING;

    private AnalysisSteps() {
    }

    /** The tensors of a model split into populations and those set aside, each in file order. */
    public record Split(List<Tensor> populations, List<SetAside> setAside) {

        public Split {
            populations = List.copyOf(populations);
            setAside = List.copyOf(setAside);
        }
    }

    /** The populations of {@code model} under {@code options}, and the tensors set aside with their reasons. */
    public static Split split(Model model, AnalysisOptions options) {
        PopulationSelector selector = new PopulationSelector(options);
        List<Tensor> populations = new ArrayList<>();
        List<SetAside> setAside = new ArrayList<>();
        for (Tensor t : model.tensors()) {
            Optional<SetAsideReason> reason = selector.reasonToSetAside(t);
            if (reason.isPresent()) {
                setAside.add(new SetAside(TensorInfo.of(t), reason.get()));
            } else {
                populations.add(t);
            }
        }
        return new Split(populations, setAside);
    }

    /** A new accumulator for one segment of a population of {@code dtype}: f32 values are read twice. */
    public static PopulationAccumulator accumulatorFor(DType dtype) {
        return PopulationAnalysis.accumulatorFor(dtype);
    }

    /** The cells of a complete first read that its analysis under {@code options} wants counted finely. */
    public static Refinement refinementFor(RefiningAccumulator accumulator, AnalysisOptions options) {
        return accumulator.refinement(RefinementPlaces.of(accumulator.fitInput(), options));
    }

    /**
     * The analysis of the {@code index}-th population, complete (and refined, for f32), with its Gaussian
     * baseline when the options ask for one (seeded by the options' seed and {@code index}).
     */
    public static LayerResult analyse(Tensor tensor, PopulationAccumulator accumulator, int index,
                                      AnalysisOptions options) {
        return analyse(TensorInfo.of(tensor), accumulator, index, options);
    }

    /** {@link #analyse(Tensor, PopulationAccumulator, int, AnalysisOptions)} of a tensor known by its info. */
    public static LayerResult analyse(TensorInfo info, PopulationAccumulator accumulator, int index,
                                      AnalysisOptions options) {
        PopulationSummary summary = PopulationSummary.of(accumulator);
        Optional<LayerResult> baseline = Optional.empty();
        if (options.baseline() == Baseline.GAUSSIAN) {
            StreamingAccumulator gaussian = GaussianBaseline.accumulate(info.shape().elementCount(),
                    summary.stats().std(), options.seed(), index);
            TensorInfo baselineInfo = new TensorInfo(info.name() + " (gaussian baseline)", "", info.role(),
                    info.shape(), DType.F64);
            baseline = Optional.of(PopulationAnalysis.analyse(baselineInfo, PopulationSummary.of(gaussian), options));
        }
        return PopulationAnalysis.analyse(info, summary, options, baseline);
    }

    /**
     * The value of a step run on another thread, its failure rethrown as it was thrown (an
     * {@code IOException}, or the {@code IOException} inside an {@code UncheckedIOException}).
     */
    public static <T> T await(java.util.concurrent.Future<T> future) throws java.io.IOException {
        return ModelAnalyzer.await(future);
    }

    /** The result of a model from its layers' analyses (in population order) and its refined pool. */
    public static AnalysisResult result(Model model, AnalysisOptions options, List<LayerResult> layers,
                                        List<SetAside> setAside, RefiningAccumulator pooled) {
        ModelSummary summary = new ModelSummary(model.path(), model.format(), model.parameters(),
                model.tensors().size());
        PopulationSummary pooledSummary = PopulationSummary.of(pooled);
        TensorInfo pooledInfo = new TensorInfo("pooled", "", Role.OTHER, Shape.of(pooledSummary.stats().n()),
                DType.F64);
        LayerResult pooledResult = PopulationAnalysis.analyse(pooledInfo, pooledSummary, options);
        return new AnalysisResult(summary, options, layers, setAside, pooledResult, UniversalitySummary.of(layers));
    }
}
