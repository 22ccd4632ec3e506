package org.jaynes.core.analysis;

import static org.jaynes.core.stats.ExactStatistics.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.stats.ExactStatistics;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.stats.StoredValues;
import org.jaynes.core.stats.StreamingAccumulator;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ModelAnalyzerTest {

    /** Moments merged in a different order than one pass: rounding only. */
    private static final double RELATIVE_EPS = 1e-12;

    /** On top of the reported histogram error bound. */
    private static final double KS_EPS = 1e-12;

    private static final AnalysisOptions ONE_THREAD = AnalysisOptions.DEFAULTS.withThreads(1);

    /** A tensor and the values its bytes hold. */
    private record Stored(Tensor tensor, StoredValues data) {
    }

    private static Stored stored(String storedName, String name, Role role, DType dtype, double[] values,
                                 long... dims) {
        StoredValues data = StoredValues.of(dtype, values);
        Tensor tensor = new Tensor(storedName, name, role, Shape.of(dims), dtype, HeapBytes.of(data.bytes()));
        return new Stored(tensor, data);
    }

    private static double[] weights(long seed, long n) {
        UniformRandomProvider rng = StoredValues.random(seed);
        return StoredValues.logNormal(rng, Math.toIntExact(n), -3, 0.8);
    }

    /** Every kind of tensor docs/theory.md §4 sorts, in a file order that mixes them. */
    private static List<Stored> mixedTensors() {
        List<Stored> tensors = new ArrayList<>();
        tensors.add(stored("embeddings.word_embeddings.weight", "embeddings.word_embeddings", Role.EMBEDDING,
                DType.BF16, weights(1, 128 * 64), 128, 64));
        tensors.add(stored("embeddings.LayerNorm.weight", "embeddings.LayerNorm", Role.NORMALIZATION,
                DType.F32, weights(2, 8192), 8192));
        tensors.add(stored("onnx::MatMul_101", "encoder.layer.0.attention.self.query", Role.ATTENTION_QUERY,
                DType.F32, weights(3, 64 * 128), 64, 128));
        tensors.add(stored("encoder.layer.0.attention.self.query.bias", "encoder.layer.0.attention.self.query.bias",
                Role.BIAS, DType.F32, weights(4, 128), 128));
        tensors.add(stored("onnx::MatMul_102", "encoder.layer.0.attention.self.key", Role.ATTENTION_KEY,
                DType.F16, weights(5, 4096), 64, 64));
        tensors.add(stored("small.weight", "small", Role.DENSE, DType.F32, weights(6, 4095), 63, 65));
        tensors.add(stored("quantized.weight", "quantized", Role.DENSE, DType.I8, weights(7, 128 * 128), 128, 128));
        tensors.add(stored("position_ids", "position_ids", Role.OTHER, DType.I8, weights(8, 512), 512));
        tensors.add(stored("conv.weight", "conv", Role.CONVOLUTION, DType.F32, weights(9, 4096), 16, 16, 16));
        tensors.add(stored("logit_scale", "logit_scale", Role.OTHER, DType.F32, weights(10, 1)));
        tensors.add(stored("mlp.up.weight", "encoder.layer.0.intermediate.dense", Role.MLP_UP, DType.F64,
                weights(11, 2 * 4096), 2, 4096));
        tensors.add(stored("empty.weight", "empty", Role.OTHER, DType.F32, new double[0], 4096, 0));
        return tensors;
    }

    private static Model model(List<Stored> tensors) {
        return new Model("in-memory", ModelFormat.SAFETENSORS,
                tensors.stream().map(Stored::tensor).collect(Collectors.toList()));
    }

    private static AnalysisResult analyze(AnalysisOptions options, List<Stored> tensors) throws IOException {
        return new ModelAnalyzer(options).analyze(model(tensors), ProgressListener.NONE);
    }

    private static List<String> layerNames(AnalysisResult result) {
        return result.layers().stream().map(l -> l.tensor().tensor()).collect(Collectors.toList());
    }

    private static Map<String, SetAsideReason> reasons(AnalysisResult result) {
        return result.setAside().stream().collect(Collectors.toMap(s -> s.tensor().tensor(), SetAside::reason));
    }

    @Test
    void selectsPopulationsAsTheTheorySays() throws IOException {
        AnalysisResult result = analyze(ONE_THREAD, mixedTensors());
        assertEquals(List.of("embeddings.word_embeddings.weight", "onnx::MatMul_101", "onnx::MatMul_102",
                "conv.weight", "mlp.up.weight"), layerNames(result), "floating, rank ≥ 2, ≥ 4096, in file order");
        assertEquals(Map.of(
                "embeddings.LayerNorm.weight", SetAsideReason.RANK_BELOW_TWO,
                "encoder.layer.0.attention.self.query.bias", SetAsideReason.RANK_BELOW_TWO,
                "small.weight", SetAsideReason.TOO_FEW_ELEMENTS,
                "quantized.weight", SetAsideReason.NOT_FLOATING_POINT,
                "position_ids", SetAsideReason.NOT_FLOATING_POINT,
                "logit_scale", SetAsideReason.RANK_BELOW_TWO,
                "empty.weight", SetAsideReason.TOO_FEW_ELEMENTS), reasons(result));
        assertEquals(Role.ATTENTION_QUERY, result.layers().get(1).tensor().role());
        assertEquals("encoder.layer.0.attention.self.query", result.layers().get(1).tensor().name());
        assertEquals(Shape.of(64, 128), result.layers().get(1).tensor().shape());
        assertEquals(DType.F32, result.layers().get(1).tensor().dtype());
        assertEquals("in-memory", result.model().path());
        assertEquals(ModelFormat.SAFETENSORS, result.model().format());
        assertEquals(12, result.model().tensors());
        assertEquals(mixedTensors().stream().mapToLong(s -> s.data().values().length).sum(),
                result.model().parameters());
        assertEquals(ONE_THREAD, result.options());
    }

    @Test
    void minElementsIsAnOption() throws IOException {
        AnalysisResult result = analyze(ONE_THREAD.withMinElements(4095), mixedTensors());
        assertTrue(layerNames(result).contains("small.weight"));
        result = analyze(ONE_THREAD.withMinElements(4097), mixedTensors());
        assertEquals(List.of("embeddings.word_embeddings.weight", "onnx::MatMul_101", "mlp.up.weight"),
                layerNames(result));
        assertEquals(SetAsideReason.TOO_FEW_ELEMENTS, reasons(result).get("onnx::MatMul_102"));
    }

    @Test
    void includeAndExcludeMatchTheLayerNameOrTheStoredName() throws IOException {
        AnalysisResult byLayerName = analyze(ONE_THREAD.withInclude(Pattern.compile("attention")), mixedTensors());
        assertEquals(List.of("onnx::MatMul_101", "onnx::MatMul_102"), layerNames(byLayerName));
        assertEquals(SetAsideReason.NOT_INCLUDED, reasons(byLayerName).get("conv.weight"));
        assertEquals(SetAsideReason.RANK_BELOW_TWO, reasons(byLayerName).get("encoder.layer.0.attention.self.query.bias"),
                "the first reason wins");

        AnalysisResult byStoredName = analyze(ONE_THREAD.withInclude(Pattern.compile("MatMul_10[2-9]")),
                mixedTensors());
        assertEquals(List.of("onnx::MatMul_102"), layerNames(byStoredName));

        AnalysisResult excluded = analyze(ONE_THREAD.withExclude(Pattern.compile("embeddings|\\.key$")),
                mixedTensors());
        assertEquals(List.of("onnx::MatMul_101", "conv.weight", "mlp.up.weight"), layerNames(excluded));
        assertEquals(SetAsideReason.EXCLUDED, reasons(excluded).get("embeddings.word_embeddings.weight"));
        assertEquals(SetAsideReason.EXCLUDED, reasons(excluded).get("onnx::MatMul_102"));

        AnalysisResult both = analyze(ONE_THREAD.withInclude(Pattern.compile("weight|MatMul"))
                .withExclude(Pattern.compile("^conv")), mixedTensors());
        assertEquals(List.of("embeddings.word_embeddings.weight", "onnx::MatMul_101", "onnx::MatMul_102",
                "mlp.up.weight"), layerNames(both));
    }

    @Test
    void layerStatisticsAreThoseOfOneAccumulatorAndOfTheValues() throws IOException {
        List<Stored> tensors = mixedTensors();
        AnalysisResult result = analyze(ONE_THREAD, tensors);
        for (LayerResult layer : result.layers()) {
            Stored stored = tensors.stream().filter(s -> s.tensor().storedName().equals(layer.tensor().tensor()))
                    .findFirst().orElseThrow();
            assertEquals(stored.data().accumulate().result(), layer.stats(), layer.tensor().tensor());
            assertMatches(ExactStatistics.of(stored.data().values()), layer.stats(), RELATIVE_EPS, KS_EPS,
                    layer.tensor().tensor());
        }
    }

    @Test
    void pooledEqualsOneAccumulatorOverAllPopulations() throws IOException {
        List<Stored> tensors = mixedTensors();
        AnalysisResult result = analyze(ONE_THREAD, tensors);
        StreamingAccumulator pooled = new StreamingAccumulator(DType.F64);
        List<double[]> values = new ArrayList<>();
        for (LayerResult layer : result.layers()) {
            Stored stored = tensors.stream().filter(s -> s.tensor().storedName().equals(layer.tensor().tensor()))
                    .findFirst().orElseThrow();
            stored.data().accumulate().addTo(pooled);
            values.add(stored.data().values());
        }
        assertEquals(pooled.result(), result.pooled().stats(), "the same additions in the same order");
        assertMatches(ExactStatistics.of(concat(values)), result.pooled().stats(), RELATIVE_EPS, KS_EPS, "pooled vs values");
    }

    @Test
    void pooledOfF32PopulationsEqualsOneStreamOverAllTheirBytes() throws IOException {
        List<Stored> tensors = List.of(
                stored("a", "a", Role.DENSE, DType.F32, weights(21, 5000), 50, 100),
                stored("b", "b", Role.DENSE, DType.F32, weights(22, 8192), 64, 128),
                stored("b.bias", "b.bias", Role.BIAS, DType.F32, weights(23, 128), 128),
                stored("c", "c", Role.DENSE, DType.F32, StoredValues.gaussian(StoredValues.random(24), 7000, 0.1),
                        70, 100));
        AnalysisResult result = analyze(AnalysisOptions.DEFAULTS.withThreads(3), tensors);
        StreamingAccumulator one = new StreamingAccumulator(DType.F32);
        for (String name : List.of("a", "b", "c")) {
            one.accept(tensors.stream().filter(s -> s.tensor().storedName().equals(name)).findFirst().orElseThrow()
                    .data().buffer());
        }
        assertMatches(one.result(), result.pooled().stats(), RELATIVE_EPS, KS_EPS, "pooled");
        assertEquals(one.result().ksErrorBound(), result.pooled().stats().ksErrorBound(), "the same histogram");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws IOException {
        List<Stored> tensors = new ArrayList<>(mixedTensors());
        for (int i = 0; i < 12; i++) {
            tensors.add(stored("extra." + i, "extra." + i, Role.DENSE, i % 2 == 0 ? DType.F32 : DType.F16,
                    weights(100 + i, 4096 + 37L * i), 1, 4096 + 37L * i));
        }
        AnalysisResult one = analyze(ONE_THREAD, tensors);
        AnalysisResult four = analyze(ONE_THREAD.withThreads(4), tensors);
        assertEquals(fingerprints(one.layers()), fingerprints(four.layers()), "bit for bit");
        assertEquals(one.setAside(), four.setAside());
        assertEquals(fingerprint(one.pooled()), fingerprint(four.pooled()), "bit for bit");
        assertEquals(17, one.layers().size());
    }

    /**
     * Whether f32 populations wait for the pool's cells before their second read (and how many may) changes
     * only how often the bytes are read: every layer and the pool come out the same, bit for bit, with the
     * fits and the game too.
     */
    @Test
    void resultsDoNotDependOnHowManyPopulationsWaitForThePool() throws IOException {
        List<Stored> tensors = new ArrayList<>(mixedTensors());
        for (int i = 0; i < 6; i++) {
            tensors.add(stored("extra." + i, "extra." + i, Role.DENSE, i % 3 == 2 ? DType.BF16 : DType.F32,
                    weights(200 + i, 6000 + 53L * i), 1, 6000 + 53L * i));
        }
        AnalysisOptions twoThreads = ONE_THREAD.withThreads(2);
        AnalysisResult all = new ModelAnalyzer(twoThreads, 100).analyze(model(tensors), ProgressListener.NONE);
        for (int maxWaiting : new int[] {0, 1, 3}) {
            AnalysisResult some = new ModelAnalyzer(twoThreads, maxWaiting).analyze(model(tensors),
                    ProgressListener.NONE);
            assertEquals(all.layers().stream().map(ModelAnalyzerTest::everything).toList(),
                    some.layers().stream().map(ModelAnalyzerTest::everything).toList(), "layers, waiting " + maxWaiting);
            assertEquals(everything(all.pooled()), everything(some.pooled()), "pool, waiting " + maxWaiting);
        }
    }

    /**
     * 5,000,000 f32 values (20 MB) span two segments of {@link ModelAnalyzer#SEGMENT_BYTES}; with one
     * thread (two segments in flight) the small tensor before it puts the two segments in different
     * batches, so the tensor's accumulator must carry across batches.
     */
    @Test
    void aTensorLargerThanASegmentMergesItsSegments() throws IOException {
        int n = 5_000_000;
        assertTrue(4L * n > ModelAnalyzer.SEGMENT_BYTES);
        List<Stored> tensors = List.of(
                stored("before", "before", Role.DENSE, DType.F32, weights(31, 4096), 64, 64),
                stored("big", "big", Role.DENSE, DType.F32, weights(32, n), 1000, 5000),
                stored("after", "after", Role.DENSE, DType.BF16, weights(33, 4096), 64, 64));
        StoredValues big = tensors.get(1).data();

        PopulationAccumulator segmented = PopulationAccumulator.of(DType.F32);
        segmented.accept(big.window(0, ModelAnalyzer.SEGMENT_BYTES));
        PopulationAccumulator rest = PopulationAccumulator.of(DType.F32);
        rest.accept(big.window(ModelAnalyzer.SEGMENT_BYTES, 4 * n));
        segmented.merge(rest);
        PopulationStats expected = segmented.result();

        for (int threads : new int[] {1, 2, 4}) {
            AnalysisResult result = analyze(ONE_THREAD.withThreads(threads), tensors);
            assertEquals(List.of("before", "big", "after"), layerNames(result));
            assertEquals(expected, result.layers().get(1).stats(), "the same segments merged: bit for bit");
            assertEquals(tensors.get(0).data().accumulate().result(), result.layers().get(0).stats());
            assertEquals(tensors.get(2).data().accumulate().result(), result.layers().get(2).stats());
        }
        PopulationStats stats = expected;
        assertMatches(big.accumulateInWindows(1 << 20).result(), stats, RELATIVE_EPS, KS_EPS, "vs one accumulator");
        assertMatches(ExactStatistics.of(big.values()), stats, RELATIVE_EPS, KS_EPS, "vs the values");
    }

    @Test
    void progressIsReportedOncePerPopulationAndEndsAtTheTotal() throws IOException {
        List<Stored> tensors = mixedTensors();
        List<long[]> calls = new ArrayList<>();
        AnalysisResult result = new ModelAnalyzer(ONE_THREAD.withThreads(2)).analyze(model(tensors),
                (bytesDone, bytesTotal, done, total) -> calls.add(new long[] {bytesDone, bytesTotal, done, total}));
        long totalBytes = result.layers().stream()
                .mapToLong(l -> l.stats().n() * l.tensor().dtype().byteSize()).sum();
        assertEquals(result.layers().size(), calls.size());
        for (int i = 0; i < calls.size(); i++) {
            long[] call = calls.get(i);
            assertEquals(totalBytes, call[1]);
            assertEquals(i + 1, call[2]);
            assertEquals(result.layers().size(), call[3]);
            assertTrue(i == 0 || call[0] >= calls.get(i - 1)[0], "bytes done never fall: " + Arrays.toString(call));
        }
        assertEquals(totalBytes, calls.get(calls.size() - 1)[0]);
    }

    @Test
    void aModelWithoutPopulationsHasAnEmptyPool() throws IOException {
        AnalysisResult result = analyze(ONE_THREAD, List.of(
                stored("bias", "bias", Role.BIAS, DType.F32, weights(41, 10), 10)));
        assertEquals(List.of(), result.layers());
        assertEquals(1, result.setAside().size());
        assertEquals(0, result.pooled().stats().n());
        assertTrue(Double.isNaN(result.pooled().stats().mu()));
    }

    @Test
    void optionsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> AnalysisOptions.DEFAULTS.withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> AnalysisOptions.DEFAULTS.withMinElements(0));
        assertEquals(4096, AnalysisOptions.DEFAULTS.minElements());
        assertTrue(AnalysisOptions.DEFAULTS.include().isEmpty() && AnalysisOptions.DEFAULTS.exclude().isEmpty());
    }

    /**
     * What must not depend on the thread count: the tensor, its statistics and the derived numbers
     * (as boxed doubles, which compare bit for bit).
     */
    private static List<Object> fingerprint(LayerResult layer) {
        return List.of(layer.tensor(), layer.stats(), layer.normalizedMu(), layer.r2());
    }

    /** The fingerprint, the fits, the game and the histogram: every number of a layer's report. */
    private static List<Object> everything(LayerResult layer) {
        return List.of(fingerprint(layer), layer.fits(), layer.game().game(), layer.game().utilitySpread(),
                layer.game().arbitrageGap(), java.util.Arrays.toString(layer.game().utilities()),
                java.util.Arrays.toString(layer.histogram().counts()),
                java.util.Arrays.toString(layer.histogram().lnEdges()),
                java.util.Arrays.toString(layer.lnQuantiles()));
    }

    private static List<List<Object>> fingerprints(List<LayerResult> layers) {
        return layers.stream().map(ModelAnalyzerTest::fingerprint).collect(Collectors.toList());
    }

    private static double[] concat(List<double[]> parts) {
        double[] all = new double[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
