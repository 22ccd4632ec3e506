package org.jaynes.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.stats.Normalization;
import org.jaynes.core.stats.StoredValues;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ModelComparisonTest {

    /** Means of the same numbers summed in the same order: only the last bit can differ. */
    private static final double EPS = 1e-12;

    private static final AnalysisOptions RMS = AnalysisOptions.DEFAULTS.withThreads(1)
            .withNormalization(Normalization.RMS);

    private static Tensor tensor(String name, long seed, double mu, double sigma, long rows, long columns) {
        UniformRandomProvider rng = StoredValues.random(seed);
        StoredValues data = StoredValues.of(DType.F32,
                StoredValues.logNormal(rng, Math.toIntExact(rows * columns), mu, sigma));
        return new Tensor(name + ".weight", name, Role.DENSE, Shape.of(rows, columns), DType.F32,
                HeapBytes.of(data.bytes()));
    }

    private static AnalysisResult analyze(AnalysisOptions options, Tensor... tensors) throws IOException {
        return new ModelAnalyzer(options).analyze(new Model("m.safetensors", ModelFormat.SAFETENSORS, List.of(tensors)),
                ProgressListener.NONE);
    }

    private static AnalysisResult threeLayers() throws IOException {
        return analyze(RMS, tensor("a", 1, -3, 0.6, 64, 64), tensor("b", 2, -2, 0.9, 64, 128),
                tensor("small", 3, -2, 1, 4, 4), tensor("c", 4, -4, 1.2, 128, 64));
    }

    @Test
    void seriesPlacesPopulationsByRelativeDepthInFileOrder() throws IOException {
        AnalysisResult result = threeLayers();
        ModelComparison.Entry entry = ModelComparison.entry("three", result);
        assertEquals(3, entry.series().size(), "the 16-element tensor is set aside");
        for (int i = 0; i < 3; i++) {
            ModelComparison.DepthPoint point = entry.series().get(i);
            LayerResult layer = result.layers().get(i);
            assertEquals(i / 2.0, point.relativeDepth());
            assertEquals(layer.stats().sigma(), point.sigma());
            assertEquals(layer.normalizedMu(), point.normalizedMu());
            assertEquals(layer.game().arbitrageGap(), point.arbitrageGap());
        }
        assertEquals(Normalization.RMS, entry.normalization());
    }

    @Test
    void summaryAgreesWithTheLayers() throws IOException {
        AnalysisResult result = threeLayers();
        ModelComparison.Summary summary = ModelComparison.entry("three", result).summary();
        List<LayerResult> layers = result.layers();
        double[] sigma = layers.stream().mapToDouble(l -> l.stats().sigma()).toArray();
        double[] mu = layers.stream().mapToDouble(LayerResult::normalizedMu).toArray();
        double[] gap = layers.stream().mapToDouble(l -> l.game().arbitrageGap()).toArray();
        assertEquals("three", summary.label());
        assertEquals("m.safetensors", summary.path());
        assertEquals(ModelFormat.SAFETENSORS, summary.format());
        assertEquals(64 * 64 + 64 * 128 + 16 + 128 * 64, summary.parameters());
        assertEquals(3, summary.populations());
        assertEquals(mean(sigma), summary.sigmaMean(), EPS);
        assertEquals(std(sigma), summary.sigmaStd(), EPS);
        assertEquals(mean(mu), summary.muMean(), EPS);
        assertEquals(std(mu), summary.muStd(), EPS);
        assertEquals(mean(gap), summary.gapMean(), EPS);
        assertEquals(result.universality().lognormalBestFraction(), summary.lognormalBestFraction());
        assertTrue(summary.sigmaMean() > 0.6 && summary.sigmaMean() < 1.2, "σ of the generating laws");
    }

    @Test
    void onePopulationSitsAtDepthZeroAndNoneGivesNaN() throws IOException {
        ModelComparison.Entry one = ModelComparison.entry("one", analyze(RMS, tensor("a", 1, -3, 0.6, 64, 64)));
        assertEquals(List.of(0.0), one.series().stream().map(ModelComparison.DepthPoint::relativeDepth).toList());
        assertEquals(0.0, one.summary().sigmaStd());

        ModelComparison.Entry none = ModelComparison.entry("none", analyze(RMS, tensor("tiny", 1, -3, 0.6, 4, 4)));
        assertEquals(List.of(), none.series());
        assertEquals(0, none.summary().populations());
        assertTrue(Double.isNaN(none.summary().sigmaMean()));
        assertTrue(Double.isNaN(none.summary().gapMean()));
        assertTrue(Double.isNaN(none.summary().lognormalBestFraction()));
    }

    @Test
    void keepsTheOrderGivenAndTheSharedNormalization() throws IOException {
        AnalysisResult result = threeLayers();
        List<ModelComparison.Entry> entries = new ArrayList<>();
        entries.add(ModelComparison.entry("second", result));
        entries.add(ModelComparison.entry("first", result));
        ModelComparison comparison = ModelComparison.of(entries);
        assertEquals(List.of("second", "first"), comparison.models().stream().map(e -> e.summary().label()).toList());
        assertEquals(Normalization.RMS, comparison.normalization());
    }

    @Test
    void refusesMixedNormalizationsDuplicateLabelsAndNothing() throws IOException {
        ModelComparison.Entry rms = ModelComparison.entry("a", analyze(RMS, tensor("a", 1, -3, 0.6, 64, 64)));
        ModelComparison.Entry max = ModelComparison.entry("b",
                analyze(RMS.withNormalization(Normalization.MAX), tensor("a", 1, -3, 0.6, 64, 64)));
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> ModelComparison.of(List.of(rms, max)));
        assertEquals("every model must use one normalisation to compare mu: a uses rms, b uses max", mixed.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ModelComparison.of(List.of(rms, rms)));
        assertEquals("two models are labelled 'a'", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelComparison.of(List.of()));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double std(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
