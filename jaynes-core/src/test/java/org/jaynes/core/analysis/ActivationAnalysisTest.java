package org.jaynes.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.stats.StreamingAccumulator;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.junit.jupiter.api.Test;

class ActivationAnalysisTest {

    private static final AnalysisOptions OPTIONS = AnalysisOptions.DEFAULTS.withThreads(2);

    /** Signed lognormal values, a fifth of them exact zeros, as a ReLU-then-GELU-like mix would give. */
    private static float[] outputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double magnitude = Math.exp(-1 + 0.7 * gaussian(random));
            values[i] = u < 0.2 ? 0f : (float) (u < 0.5 ? -magnitude : magnitude);
        }
        return values;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void countsZerosAndNegativesApartAndFitsTheMagnitudes() {
        float[] values = outputs(50_000, 3);
        ActivationSite site = new ActivationSite("block.0.act", "/block.0/Mul_1_output_0", "gelu");
        site.accept(new long[] {10, 5000}, FloatBuffer.wrap(values));
        long zeros = 0;
        long negatives = 0;
        double sumLog = 0;
        for (float v : values) {
            zeros += v == 0 ? 1 : 0;
            negatives += v < 0 ? 1 : 0;
            sumLog += v == 0 ? 0 : Math.log(Math.abs(v));
        }
        ActivationResult result = ActivationAnalysis.of(summary(), OPTIONS, inputs(), List.of(site), weights(List.of()));
        ActivationLayer layer = result.layers().get(0);
        assertEquals(50_000, layer.result().stats().n());
        assertEquals(zeros, layer.result().stats().zeros());
        assertEquals(negatives, layer.negatives());
        assertEquals(sumLog / (values.length - zeros), layer.result().stats().mu(), 1e-12);
        assertEquals(Shape.of(10, 5000), layer.result().tensor().shape());
        assertEquals("gelu", layer.function());
        assertEquals(50_000, result.pooled().stats().n());
    }

    @Test
    void batchesGiveTheSameStatisticsAsOneBuffer() {
        float[] values = outputs(30_001, 5);
        ActivationSite whole = new ActivationSite("a", "a", "relu");
        whole.accept(values, values.length);
        ActivationSite pieces = new ActivationSite("a", "a", "relu");
        for (int start = 0; start < values.length; start += 7_777) {
            int length = Math.min(7_777, values.length - start);
            pieces.accept(new long[] {length}, FloatBuffer.wrap(values, start, length));
        }
        StreamingAccumulator a = whole.accumulator();
        StreamingAccumulator b = pieces.accumulator();
        assertEquals(a.result().mu(), b.result().mu(), 1e-12);
        assertEquals(a.result().sigma(), b.result().sigma(), 1e-12);
        assertEquals(a.result().ks(), b.result().ks(), 1e-12);
        assertEquals(whole.negatives(), pieces.negatives());
        assertEquals(0, pieces.width(), "the last dimension varied, so no width is claimed");
    }

    /**
     * A site read twice keeps a few coarse cells instead of fine ones everywhere; its moments are exact either
     * way, and its KS distance is within the bounds both state (1e-5 covers the refined cells' error).
     */
    @Test
    void aSiteReadTwiceAgreesWithOneReadOnce() {
        float[] values = outputs(40_000, 7);
        ActivationSite once = new ActivationSite("a", "a", "gelu");
        once.accept(new long[] {4, 10_000}, FloatBuffer.wrap(values));
        ActivationAnalysis analysis = new ActivationAnalysis(OPTIONS);
        ActivationSite twice = analysis.siteReadTwice("a", "a", "gelu");
        for (int start = 0; start < values.length; start += 10_000) {
            twice.accept(new long[] {1, 10_000}, FloatBuffer.wrap(values, start, 10_000));
        }
        analysis.startSecondPass(List.of(twice));
        twice.count(FloatBuffer.wrap(values)); // the second pass may batch the outputs differently
        analysis.finishSecondPass(List.of(twice));
        analysis.add(List.of(twice), weights(List.of()));
        ActivationResult read = analysis.finish(summary(), inputs(), weights(List.of()));
        ActivationResult streamed = ActivationAnalysis.of(summary(), OPTIONS, inputs(), List.of(once),
                weights(List.of()));
        var a = streamed.layers().get(0).result().stats();
        var b = read.layers().get(0).result().stats();
        assertEquals(a.n(), b.n());
        assertEquals(a.zeros(), b.zeros());
        assertEquals(a.mu(), b.mu(), 1e-12);
        assertEquals(a.sigma(), b.sigma(), 1e-12);
        assertEquals(a.ks(), b.ks(), 1e-5);
        assertEquals(once.negatives(), twice.negatives());
        assertEquals(Shape.of(4, 10_000), read.layers().get(0).result().tensor().shape());
        assertEquals(streamed.pooled().stats().n(), read.pooled().stats().n());
        assertEquals(streamed.pooled().stats().mu(), read.pooled().stats().mu(), 1e-12);
        assertEquals(streamed.pooled().stats().ks(), read.pooled().stats().ks(), 1e-5, "the pool is refined too");
    }

    @Test
    void aSecondPassOverOtherValuesIsRefused() {
        float[] values = outputs(20_000, 11);
        ActivationAnalysis analysis = new ActivationAnalysis(OPTIONS);
        ActivationSite site = analysis.siteReadTwice("a", "a", "relu");
        site.accept(values, values.length);
        analysis.startSecondPass(List.of(site));
        float[] changed = values.clone();
        for (int i = 0; i < changed.length; i++) {
            changed[i] *= 1.5f;
        }
        site.count(FloatBuffer.wrap(changed));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> analysis.finishSecondPass(List.of(site)));
        assertTrue(e.getMessage().contains("changed between two reads"), e.getMessage());
    }

    @Test
    void aSiteReadTwiceHasNoOnePassSummary() {
        ActivationSite site = new ActivationAnalysis(OPTIONS).siteReadTwice("a", "a", "relu");
        assertThrows(IllegalStateException.class, site::accumulator);
    }

    @Test
    void pairsEachSiteWithTheWeightsSharingTheLongestNamePrefix() {
        List<LayerResult> weights = List.of(weight("embeddings.word_embeddings"),
                weight("encoder.layer.0.attention.self.query"), weight("encoder.layer.0.attention.self.key"),
                weight("encoder.layer.0.intermediate.dense"), weight("encoder.layer.1.intermediate.dense"));
        assertEquals("encoder.layer.0.intermediate.dense",
                ActivationAnalysis.feedingWeights("encoder.layer.0.intermediate.gelu", weights).orElseThrow()
                        .tensor().name());
        assertEquals("encoder.layer.0.attention.self.query",
                ActivationAnalysis.feedingWeights("encoder.layer.0.attention.probs", weights).orElseThrow()
                        .tensor().name());
        assertEquals("encoder.layer.1.intermediate.dense",
                ActivationAnalysis.feedingWeights("encoder.layer.1.intermediate.gelu", weights).orElseThrow()
                        .tensor().name());
        assertTrue(ActivationAnalysis.feedingWeights("pooler.tanh", weights).isEmpty());
    }

    private static LayerResult weight(String name) {
        ActivationSite values = new ActivationSite(name, name, "weight");
        values.accept(outputs(5_000, name.hashCode()), 5_000);
        return PopulationAnalysis.analyse(new TensorInfo(name, name, Role.DENSE, Shape.of(50, 100), DType.F32),
                PopulationSummary.of(values.accumulator()), OPTIONS);
    }

    private static ModelSummary summary() {
        return new ModelSummary("m.onnx", ModelFormat.ONNX, 0, 0);
    }

    private static ActivationInputs inputs() {
        return new ActivationInputs("generated", 10, 10, 1, Optional.empty());
    }

    private static AnalysisResult weights(List<LayerResult> layers) {
        StreamingAccumulator none = new StreamingAccumulator(DType.F64);
        LayerResult pooled = PopulationAnalysis.analyse(new TensorInfo("pooled", "", Role.OTHER, Shape.of(0),
                DType.F64), PopulationSummary.of(none), OPTIONS);
        return new AnalysisResult(summary(), OPTIONS, layers, List.of(), pooled, UniversalitySummary.of(layers));
    }
}
