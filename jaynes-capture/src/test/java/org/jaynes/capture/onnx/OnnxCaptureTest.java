package org.jaynes.capture.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxCaptureTest {

    /** ONNX Runtime computes in float32 (rounding 6e-8 relative per step), the oracle in double. */
    private static final double TOLERANCE = 1e-6;
    private static final int TOKENS = 5;

    @TempDir
    Path temp;

    private NpzArrays fixture;
    private float[] x;
    private float[] mask;

    @BeforeEach
    void readFixture() throws Exception {
        fixture = NpzArrays.read(TestModels.copy("onnx/capture.npz", temp));
        x = fixture.floats("x");
        mask = fixture.floats("mask");
    }

    private Map<String, FeedTensor> feeds(int tokens) {
        return Map.of(
                "x", new FeedTensor.Float32(new long[] {tokens, 4}, java.util.Arrays.copyOf(x, tokens * 4)),
                "mask", new FeedTensor.Float32(new long[] {tokens}, java.util.Arrays.copyOf(mask, tokens)));
    }

    private Map<String, double[][]> expected(int tokens) throws IOException {
        double[][] rows = new double[tokens][4];
        double[] m = new double[tokens];
        for (int t = 0; t < tokens; t++) {
            for (int j = 0; j < 4; j++) {
                rows[t][j] = x[t * 4 + j];
            }
            m[t] = mask[t];
        }
        return new ForwardPass(fixture).run(rows, m);
    }

    private static void assertMatches(double[][] expected, long[] shape, float[] actual, String what) {
        assertArrayEquals(new long[] {expected.length, expected[0].length}, shape, what);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i * expected[i].length + j], TOLERANCE,
                        what + "[" + i + "][" + j + "]");
            }
        }
    }

    private Map<String, CapturedValues.Batch> capture(Path model, int tokens, int threads) throws Exception {
        CaptureGraph graph = CaptureGraph.read(model);
        CapturedValues sink = new CapturedValues();
        try (OnnxCapture capture = OnnxCapture.open(model, graph.sites(), threads)) {
            capture.run(feeds(tokens), sink);
        }
        assertEquals(graph.sites(), sink.batches.stream().map(CapturedValues.Batch::site).toList(),
                "each site once, in graph order");
        return sink.byTensor();
    }

    @Test
    void everySiteEqualsTheForwardPassComputedByHand() throws Exception {
        Map<String, double[][]> expected = expected(TOKENS);
        Map<String, CapturedValues.Batch> captured = capture(TestModels.capture(temp), TOKENS, 1);
        assertEquals(List.of("h1", "h2", "g1", "g2", "g3", "g4", "gate", "p", "probs"), List.copyOf(captured.keySet()));
        for (CapturedValues.Batch batch : captured.values()) {
            String tensor = batch.site().tensorName();
            assertMatches(expected.get(tensor), batch.shape(), batch.values(), batch.site().name());
        }
    }

    @Test
    void aSmallerBatchGivesItsOwnForwardPass() throws Exception {
        Map<String, double[][]> expected = expected(3);
        for (CapturedValues.Batch batch : capture(TestModels.capture(temp), 3, 1).values()) {
            assertMatches(expected.get(batch.site().tensorName()), batch.shape(), batch.values(), batch.site().name());
        }
    }

    @Test
    void modelOutputsComeBackBesideTheSites() throws Exception {
        Path model = TestModels.capture(temp);
        Map<String, double[][]> expected = expected(TOKENS);
        try (OnnxCapture capture = OnnxCapture.open(model, CaptureGraph.read(model).sites(), 1)) {
            assertEquals(List.of("probs", "decoy"), capture.modelOutputs());
            Map<String, float[]> outputs = capture.runWithOutputs(feeds(TOKENS), new CapturedValues());
            assertEquals(List.of("probs", "decoy"), List.copyOf(outputs.keySet()));
            assertMatches(expected.get("probs"), new long[] {TOKENS, 3}, outputs.get("probs"), "probs");
            assertMatches(expected.get("decoy"), new long[] {TOKENS, 6}, outputs.get("decoy"), "decoy");
        }
    }

    @Test
    void twoThreadsGiveTheValuesOfOne() throws Exception {
        Path model = TestModels.capture(temp);
        Map<String, CapturedValues.Batch> one = capture(model, TOKENS, 1);
        Map<String, CapturedValues.Batch> two = capture(model, TOKENS, 2);
        for (String tensor : one.keySet()) {
            assertArrayEquals(one.get(tensor).values(), two.get(tensor).values(), (float) TOLERANCE, tensor);
        }
    }

    @Test
    void externalDataWithARelativeLocationWorksAndLeavesNoCopy() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("external"));
        TestModels.copy("onnx/capture-external.data", folder);
        Path model = TestModels.copy("onnx/capture-external.onnx", folder);
        Map<String, CapturedValues.Batch> external = capture(model, TOKENS, 1);
        Map<String, CapturedValues.Batch> embedded = capture(TestModels.capture(temp), TOKENS, 1);
        for (String tensor : embedded.keySet()) {
            assertArrayEquals(embedded.get(tensor).values(), external.get(tensor).values(), tensor);
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("capture-external.data", "capture-external.onnx"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void unknownInputIsOneLineNamingModelAndInput() throws Exception {
        Path model = TestModels.capture(temp);
        try (OnnxCapture capture = OnnxCapture.open(model, List.of(), 1)) {
            Map<String, FeedTensor> feeds = Map.of("y", new FeedTensor.Float32(new long[] {1, 4}, new float[4]));
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> capture.run(feeds, new CapturedValues()));
            assertEquals(model + ": the model has no input 'y'; its inputs are x, mask", e.getMessage());
        }
    }

    @Test
    void missingInputIsOneLine() throws Exception {
        Path model = TestModels.capture(temp);
        try (OnnxCapture capture = OnnxCapture.open(model, List.of(), 1)) {
            Map<String, FeedTensor> feeds = Map.of("x", new FeedTensor.Float32(new long[] {1, 4}, new float[4]));
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> capture.run(feeds, new CapturedValues()));
            assertEquals(model + ": input 'mask' is not given; the model's inputs are x, mask", e.getMessage());
        }
    }

    @Test
    void wrongShapeAndTypeAreOneLineEach() throws Exception {
        Path model = TestModels.capture(temp);
        try (OnnxCapture capture = OnnxCapture.open(model, List.of(), 1)) {
            FeedTensor mask1 = new FeedTensor.Float32(new long[] {1}, new float[1]);
            Map<String, FeedTensor> wrongShape = Map.of("x", new FeedTensor.Float32(new long[] {1, 3}, new float[3]),
                    "mask", mask1);
            ModelFormatException shape = assertThrows(ModelFormatException.class,
                    () -> capture.run(wrongShape, new CapturedValues()));
            assertEquals(model + ": input 'x' has shape [1, 3], the model wants [-1, 4] (-1: any size)",
                    shape.getMessage());
            Map<String, FeedTensor> wrongType = Map.of("x", new FeedTensor.Int64(new long[] {1, 4}, new long[4]),
                    "mask", mask1);
            ModelFormatException type = assertThrows(ModelFormatException.class,
                    () -> capture.run(wrongType, new CapturedValues()));
            assertEquals(model + ": input 'x' is int64, the model wants float32", type.getMessage());
        }
    }

    @Test
    void aRunOnnxRuntimeRefusesIsOneLineNamingTheInputs() throws Exception {
        Path model = TestModels.capture(temp);
        try (OnnxCapture capture = OnnxCapture.open(model, CaptureGraph.read(model).sites(), 1)) {
            // the mask must have one entry per token: 2 against 3 tokens cannot broadcast
            Map<String, FeedTensor> feeds = new java.util.LinkedHashMap<>();
            feeds.put("x", new FeedTensor.Float32(new long[] {3, 4}, new float[12]));
            feeds.put("mask", new FeedTensor.Float32(new long[] {2}, new float[2]));
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> capture.run(feeds, new CapturedValues()));
            assertEquals(true, e.getMessage().startsWith(model + ": running the model on inputs x, mask failed: "),
                    e.getMessage());
            assertEquals(true, e.getMessage().contains("/attn/Add"), "names the node that failed: " + e.getMessage());
            assertEquals(false, e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void garbledModelCannotBeOpened() {
        Path garbled = TestModels.copy("onnx/garbled.onnx", temp);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxCapture.open(garbled, List.of(), 1));
        assertEquals(true, e.getMessage().startsWith(garbled + ": not an ONNX model: "), e.getMessage());
    }

    @Test
    void externalDataThatIsMissingIsOneLine() throws Exception {
        Path model = TestModels.copy("onnx/capture-external.onnx", temp);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxCapture.open(model, List.of(), 1));
        assertEquals(true, e.getMessage().startsWith(model + ": ONNX Runtime cannot load the model: "), e.getMessage());
        assertEquals(false, e.getMessage().contains("\n"), e.getMessage());
    }

    /** Captures one batch of every site of a generated model fed its golden x[5, 4], by tensor name. */
    private Map<String, CapturedValues.Batch> captureGolden(String model, NpzArrays golden) throws Exception {
        Path file = TestModels.copy("onnx/" + model, temp);
        return capture(file, Map.of("x", new FeedTensor.Float32(golden.shape("x"), golden.floats("x"))));
    }

    private Map<String, CapturedValues.Batch> capture(Path model, Map<String, FeedTensor> feeds) throws Exception {
        CapturedValues sink = new CapturedValues();
        try (OnnxCapture capture = OnnxCapture.open(model, CaptureGraph.read(model).sites(), 1)) {
            capture.run(feeds, sink);
        }
        return sink.byTensor();
    }

    /**
     * The outputs of a float16 model keep its type through ONNX Runtime and are widened exactly: each is
     * onnxruntime's float16 value (made by tools/make_capture_variants.py with onnxruntime 1.30 for Python),
     * to within one float16 ulp, since the Java package (1.29) may round a float16 kernel's last step
     * otherwise (seen on one tanh value). The first site, one MatMul and a Relu, agrees bit for bit.
     */
    @Test
    void aFloat16ModelIsCapturedValueForValue() throws Exception {
        NpzArrays golden = NpzArrays.read(TestModels.copy("onnx/fp16.npz", temp));
        Map<String, CapturedValues.Batch> captured = captureGolden("fp16.onnx", golden);
        assertEquals(List.of("relu", "tanh", "y"), List.copyOf(captured.keySet()));
        assertArrayEquals(golden.floats("relu"), captured.get("relu").values());
        assertWithinOneHalfUlp(golden.floats("tanh"), captured.get("tanh").values(), "tanh");
        assertWithinOneHalfUlp(golden.floats("softmax"), captured.get("y").values(), "softmax");
        assertArrayEquals(new long[] {5, 6}, captured.get("relu").shape());
    }

    private static void assertWithinOneHalfUlp(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            // a float16 ulp: 10 mantissa bits below the exponent, 2^-24 for subnormals
            float ulp = Math.scalb(1f, Math.max(Math.getExponent(expected[i]), -14) - 10);
            assertEquals(expected[i], actual[i], ulp, what + "[" + i + "]");
        }
    }

    /** ONNX Runtime's CPU provider has no bfloat16 MatMul or Relu: such a model is refused in one line. */
    @Test
    void aBfloat16ModelOnnxRuntimeCannotRunIsOneLine() {
        Path model = TestModels.copy("onnx/bf16.onnx", temp);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> OnnxCapture.open(model, CaptureGraph.read(model).sites(), 1));
        assertEquals(true, e.getMessage().startsWith(model + ": ONNX Runtime cannot load the model: "), e.getMessage());
        assertEquals(true, e.getMessage().contains("NOT_IMPLEMENTED"), e.getMessage());
        assertEquals(false, e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void attentionWrittenWithEinsumIsCaptured() throws Exception {
        NpzArrays golden = NpzArrays.read(TestModels.copy("onnx/einsum.npz", temp));
        Map<String, CapturedValues.Batch> captured = captureGolden("einsum.onnx", golden);
        for (String probs : List.of("probs1", "probs2", "y")) {
            float[] expected = golden.floats(probs);
            float[] actual = captured.get(probs).values();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], TOLERANCE, probs + "[" + i + "]");
            }
        }
    }

    /** The main graph's Relu is captured; the sites inside the If and the Loop are set aside, not run. */
    @Test
    void aModelWithSubgraphsIsCapturedOutsideThem() throws Exception {
        NpzArrays golden = NpzArrays.read(TestModels.copy("onnx/subgraph.npz", temp));
        Map<String, CapturedValues.Batch> captured = captureGolden("subgraph.onnx", golden);
        assertEquals(List.of("relu"), List.copyOf(captured.keySet()));
        assertArrayEquals(golden.floats("relu"), captured.get("relu").values());
    }
}
