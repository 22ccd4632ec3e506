package org.jaynes.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.stats.StreamingAccumulator;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;

/**
 * Turns accumulated {@link ActivationSite}s into an {@link ActivationResult}: each site gets the statistics,
 * fits and game a weight population gets, and is paired with the weights that feed it.
 *
 * <p>Pairing rule: the weight population whose layer name shares the most leading dot-separated parts with
 * the site's name, the first in file order among equals; none when no part is shared. For a BERT encoder,
 * {@code encoder.layer.0.intermediate.gelu} pairs with {@code encoder.layer.0.intermediate.dense} and
 * {@code encoder.layer.0.attention.probs} with {@code encoder.layer.0.attention.self.query}.
 */
public final class ActivationAnalysis {

    private final AnalysisOptions options;
    private final StreamingAccumulator pooled = new StreamingAccumulator(DType.F64);
    private final List<ActivationLayer> layers = new ArrayList<>();

    /** An analysis to which sites are added as their outputs are complete; without baselines. */
    public ActivationAnalysis(AnalysisOptions options) {
        this.options = options.withBaseline(Baseline.NONE);
    }

    /** The analysis of every site, in the given order, finished on {@code options.threads()} threads. */
    public static ActivationResult of(ModelSummary model, AnalysisOptions options, ActivationInputs inputs,
                                      List<ActivationSite> sites, AnalysisResult weights) {
        ActivationAnalysis analysis = new ActivationAnalysis(options);
        analysis.add(sites, weights);
        return analysis.finish(model, inputs, weights);
    }

    /**
     * Analyses complete sites (in parallel) and adds their values to the pooled population; afterwards the
     * sites' accumulators are no longer needed, so a caller can bound memory by adding a few sites at a time.
     */
    public void add(List<ActivationSite> sites, AnalysisResult weights) {
        ExecutorService pool = ModelAnalyzer.workers("jaynes-activations", options.threads());
        try {
            List<Future<LayerResult>> results = new ArrayList<>();
            for (ActivationSite site : sites) {
                site.accumulator().addTo(pooled);
                results.add(pool.submit(() -> analyse(site, options)));
            }
            for (int i = 0; i < sites.size(); i++) {
                ActivationSite site = sites.get(i);
                layers.add(new ActivationLayer(await(results.get(i)), site.function(), site.negatives(),
                        feedingWeights(site.name(), weights.layers())));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The result over every site added, in the order added. */
    public ActivationResult finish(ModelSummary model, ActivationInputs inputs, AnalysisResult weights) {
        PopulationSummary pooledSummary = PopulationSummary.of(pooled);
        TensorInfo pooledInfo = new TensorInfo("pooled", "", Role.OTHER, Shape.of(pooledSummary.stats().n()),
                DType.F64);
        LayerResult pooledResult = PopulationAnalysis.analyse(pooledInfo, pooledSummary, options);
        return new ActivationResult(model, options, inputs, layers, pooledResult,
                UniversalitySummary.of(layers.stream().map(ActivationLayer::result).toList()), weights);
    }

    private static LayerResult analyse(ActivationSite site, AnalysisOptions options) {
        PopulationSummary summary = PopulationSummary.of(site.accumulator());
        PopulationStats stats = summary.stats();
        long width = site.width();
        Shape shape = width > 0 && stats.n() > 0 && stats.n() % width == 0 ? Shape.of(stats.n() / width, width)
                : Shape.of(stats.n());
        TensorInfo info = new TensorInfo(site.name(), site.tensor(), Role.OTHER, shape, DType.F32);
        return PopulationAnalysis.analyse(info, summary, options);
    }

    /** The weights paired with a site by the rule in the class comment. */
    static Optional<LayerResult> feedingWeights(String site, List<LayerResult> weights) {
        String[] siteParts = site.split("\\.");
        LayerResult best = null;
        int bestShared = 0;
        for (LayerResult layer : weights) {
            String[] parts = layer.tensor().name().split("\\.");
            int shared = 0;
            while (shared < siteParts.length && shared < parts.length && siteParts[shared].equals(parts[shared])) {
                shared++;
            }
            if (shared > bestShared) {
                best = layer;
                bestShared = shared;
            }
        }
        return Optional.ofNullable(best);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
