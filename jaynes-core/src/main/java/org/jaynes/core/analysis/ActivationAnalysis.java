package org.jaynes.core.analysis;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jaynes.core.stats.LogAbsHistogram;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.stats.RefiningAccumulator;
import org.jaynes.core.stats.Refinement;
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
    /** The pool of sites read once. */
    private final StreamingAccumulator pooled = new StreamingAccumulator(DType.F64);
    /** The pool of sites read twice, refined with them: a fine pool of every site would not fit the heap. */
    private final RefiningAccumulator pooledTwice = new RefiningAccumulator();
    private Refinement pooledCells;
    private boolean readTwice;
    /** The results of sites read twice, analysed as their second pass ended, until {@link #add} takes them. */
    private final Map<ActivationSite, LayerResult> analysed = new IdentityHashMap<>();
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
     * A site whose outputs are read twice and summarised for this analysis: fed its outputs
     * ({@link ActivationSite#accept}), then {@link #startSecondPass}, fed them again
     * ({@link ActivationSite#count}), then {@link #finishSecondPass}. The sites of one analysis are either
     * all read once or all read twice.
     */
    public ActivationSite siteReadTwice(String name, String tensor, String function) {
        readTwice = true;
        return new ActivationSite(name, tensor, function, options);
    }

    /**
     * Ends the first pass of {@code sites}, every site of this analysis read twice: the pooled population
     * learns where it needs fine cells, which the sites' second pass counts too.
     */
    public void startSecondPass(List<ActivationSite> sites) {
        // the first passes pooled apart, to learn the pool's cells; the pool proper takes each site as it ends
        RefiningAccumulator firstPasses = new RefiningAccumulator();
        sites.forEach(site -> site.addFirstPassTo(firstPasses));
        pooledCells = firstPasses.refinement(RefinementPlaces.of(firstPasses.fitInput(), options));
        sites.forEach(site -> site.startSecondPass(pooledCells));
    }

    /**
     * Ends the second pass of {@code sites}: each site and the pooled population take their fine cells, and
     * each site is analysed at once (in parallel), since its summary is too large to keep beside every
     * other's; {@link #add} then adds the results.
     *
     * @throws java.io.UncheckedIOException when a second pass saw other values than the first
     */
    public void finishSecondPass(List<ActivationSite> sites) {
        ExecutorService pool = ModelAnalyzer.workers("jaynes-activations", options.threads());
        try {
            List<Future<LayerResult>> results = new ArrayList<>();
            for (ActivationSite site : sites) {
                results.add(pool.submit(() -> analyse(site, site.finishSecondPass(pooledTwice), options)));
            }
            for (int i = 0; i < sites.size(); i++) {
                analysed.put(sites.get(i), await(results.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
        pooledTwice.refine(pooledCells, new LogAbsHistogram());
    }

    /**
     * Analyses complete sites (in parallel) and adds the values of those read once to the pooled population;
     * afterwards the sites' accumulators are no longer needed, so a caller can bound memory by adding a few
     * sites at a time.
     */
    public void add(List<ActivationSite> sites, AnalysisResult weights) {
        ExecutorService pool = ModelAnalyzer.workers("jaynes-activations", options.threads());
        try {
            List<Future<LayerResult>> results = new ArrayList<>();
            for (ActivationSite site : sites) {
                if (!site.readTwice()) {
                    site.accumulator().addTo(pooled);
                }
                LayerResult done = analysed.remove(site);
                results.add(done != null ? CompletableFuture.completedFuture(done)
                        : pool.submit(() -> analyse(site, site.summary(), options)));
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

    /** The result over every site added, in the order added, run with the default capture options. */
    public ActivationResult finish(ModelSummary model, ActivationInputs inputs, AnalysisResult weights) {
        return finish(model, inputs, CaptureOptions.DEFAULTS.withThreads(options.threads()), List.of(), weights);
    }

    /** The result over every site added, in the order added; {@code setAside} lists the sites not captured. */
    public ActivationResult finish(ModelSummary model, ActivationInputs inputs, CaptureOptions capture,
                                   List<SetAsideSite> setAside, AnalysisResult weights) {
        PopulationSummary pooledSummary = PopulationSummary.of(readTwice ? pooledTwice : pooled);
        TensorInfo pooledInfo = new TensorInfo("pooled", "", Role.OTHER, Shape.of(pooledSummary.stats().n()),
                DType.F64);
        LayerResult pooledResult = PopulationAnalysis.analyse(pooledInfo, pooledSummary, options);
        return new ActivationResult(model, options, capture, inputs, layers, setAside, pooledResult,
                UniversalitySummary.of(layers.stream().map(ActivationLayer::result).toList()), weights);
    }

    private static LayerResult analyse(ActivationSite site, PopulationSummary summary, AnalysisOptions options) {
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
