package org.jaynes.core.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.stats.Moments;
import org.jaynes.core.stats.Normalization;

/**
 * Several models side by side (docs/theory.md §1, claim 4 across networks): per model a summary and the
 * series of σ, normalised μ and arbitrage gap against relative depth.
 *
 * <pre>{@code
 * List<ModelComparison.Entry> entries = new ArrayList<>();
 * for (Path path : paths) {
 *     AnalysisResult result = analyzer.analyze(ModelOpener.standard().open(path), ProgressListener.NONE);
 *     entries.add(ModelComparison.entry(path.getFileName().toString(), result)); // result may now be dropped
 * }
 * ModelComparison comparison = ModelComparison.of(entries);
 * }</pre>
 *
 * <p>Relative depth of the i-th population (0-based, file order) of a model with n populations is
 * i / (n − 1): 0 for the first, 1 for the last, 0 for a model with one population. σ is scale-free; μ
 * compares across models only after a normalisation (rms, max, median), so every entry must have been
 * analysed with the same one. Means over no layers, and means of values none of which is finite, are NaN;
 * non-finite σ and gaps (a layer of zeros) are left out of the means but kept in the series. An entry
 * holds O(layers) numbers, not the analysis. Immutable and thread-safe.
 *
 * @param normalization the normalisation every entry's μ is relative to
 * @param models        the models in the order given, labels distinct
 */
public record ModelComparison(Normalization normalization, List<Entry> models) {

    private static final String MIXED_NORMALIZATION =
            "every model must use one normalisation to compare mu: %s uses %s, %s uses %s";
    private static final String DUPLICATE_LABEL = "two models are labelled '%s'";

    /**
     * One model's row of the summary table.
     *
     * @param label                 the model's name in tables and legends
     * @param path                  the file or folder as the user named it
     * @param format                the format it was read as
     * @param parameters            values over all tensors
     * @param populations           populations analysed
     * @param lognormalBestFraction share of populations where the lognormal is the best |w| law by AIC
     * @param sigmaMean             mean σ of ln|w| over populations
     * @param sigmaStd              its standard deviation (divided by the count)
     * @param muMean                mean normalised μ
     * @param muStd                 its standard deviation: the spread of μ across layers
     * @param gapMean               mean arbitrage gap KL(x ‖ x*), nats
     */
    public record Summary(String label, String path, ModelFormat format, long parameters, int populations,
                          double lognormalBestFraction, double sigmaMean, double sigmaStd, double muMean,
                          double muStd, double gapMean) {
    }

    /**
     * One population of a model, placed by depth.
     *
     * @param relativeDepth i / (n − 1) in file order, in [0, 1]
     * @param sigma         σ of ln|w|
     * @param normalizedMu  μ − ln c
     * @param arbitrageGap  KL(x ‖ x*), nats
     */
    public record DepthPoint(double relativeDepth, double sigma, double normalizedMu, double arbitrageGap) {
    }

    /**
     * One model: its summary and its populations by depth.
     *
     * @param normalization what its μ is relative to
     */
    public record Entry(Summary summary, Normalization normalization, List<DepthPoint> series) {

        public Entry {
            series = List.copyOf(series);
        }
    }

    public ModelComparison {
        models = List.copyOf(models);
    }

    /** The entry of one analysed model; keeps nothing of {@code result} but numbers. */
    public static Entry entry(String label, AnalysisResult result) {
        List<LayerResult> layers = result.layers();
        int n = layers.size();
        List<DepthPoint> series = new ArrayList<>(n);
        Moments gap = new Moments();
        for (int i = 0; i < n; i++) {
            LayerResult layer = layers.get(i);
            double depth = n == 1 ? 0 : (double) i / (n - 1);
            double arbitrageGap = layer.game().arbitrageGap();
            series.add(new DepthPoint(depth, layer.stats().sigma(), layer.normalizedMu(), arbitrageGap));
            if (Double.isFinite(arbitrageGap)) {
                gap.addRepeated(arbitrageGap, 1);
            }
        }
        UniversalitySummary.Spread overall = result.universality().overall();
        ModelSummary model = result.model();
        Summary summary = new Summary(label, model.path(), model.format(), model.parameters(), n,
                result.universality().lognormalBestFraction(), overall.sigmaMean(), overall.sigmaStd(),
                overall.muMean(), overall.muStd(), gap.count() == 0 ? Double.NaN : gap.mean());
        return new Entry(summary, result.options().normalization(), series);
    }

    /**
     * The comparison of the entries, in their order.
     *
     * @throws IllegalArgumentException when there are none, two share a label, or their normalisations differ
     */
    public static ModelComparison of(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: no models");
        }
        Entry first = entries.get(0);
        Set<String> labels = new HashSet<>();
        for (Entry entry : entries) {
            if (entry.normalization() != first.normalization()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, MIXED_NORMALIZATION,
                        first.summary().label(), first.normalization().label(), entry.summary().label(),
                        entry.normalization().label()));
            }
            if (!labels.add(entry.summary().label())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, DUPLICATE_LABEL, entry.summary().label()));
            }
        }
        return new ModelComparison(first.normalization(), entries);
    }
}
