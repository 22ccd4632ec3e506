package org.jaynes.capture.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled MiniLM run by jaynes against Python onnxruntime 1.30 (golden values of
 * tools/make_golden_activations.py: three sentences, token ids from the reference tokenizer).
 */
class MiniLmCaptureTest {

    /** Both runtimes compute in float32 with different kernels; hidden states are O(1). */
    private static final double TOLERANCE = 1e-5;

    @TempDir
    static Path temp;

    private static NpzArrays golden;
    private static CaptureGraph graph;
    private static CapturedValues captured;
    private static Map<String, float[]> outputs;

    @BeforeAll
    static void run() throws Exception {
        golden = NpzArrays.read(TestModels.copy("onnx/minilm-golden.npz", temp));
        Path model = TestModels.miniLm(temp);
        graph = CaptureGraph.read(model);
        long[] shape = golden.shape("input_ids");
        Map<String, FeedTensor> feeds = new LinkedHashMap<>();
        for (String input : new String[] {"input_ids", "attention_mask", "token_type_ids"}) {
            feeds.put(input, new FeedTensor.Int64(shape, golden.longs(input)));
        }
        captured = new CapturedValues();
        try (OnnxCapture capture = OnnxCapture.open(model, graph.sites(), 2)) {
            outputs = capture.runWithOutputs(feeds, captured);
        }
    }

    @Test
    void lastHiddenStateMatchesPythonOnnxRuntime() throws Exception {
        assertArrayEquals(golden.floats("last_hidden_state"), outputs.get("output_0"), (float) TOLERANCE);
    }

    @Test
    void capturedGeluOfLayerTwoMatchesPythonOnnxRuntimeWithThatOutputAdded() throws Exception {
        CapturedValues.Batch gelu = captured.batches.stream()
                .filter(b -> b.site().name().equals("encoder.layer.2.intermediate.gelu")).findFirst().orElseThrow();
        assertArrayEquals(golden.shape("gelu_layer2"), gelu.shape());
        assertArrayEquals(golden.floats("gelu_layer2"), gelu.values(), (float) TOLERANCE);
    }

    @Test
    void attentionProbabilitiesAreRowsSummingToOneOverTheTokens() {
        long[] ids = golden.shape("input_ids");
        int tokens = (int) ids[1];
        for (CapturedValues.Batch batch : captured.batches) {
            if (batch.site().kind() != SiteKind.ATTENTION_PROBABILITIES) {
                continue;
            }
            assertArrayEquals(new long[] {ids[0], 12, tokens, tokens}, batch.shape(), batch.site().name());
            for (int row = 0; row < batch.values().length / tokens; row++) {
                double sum = 0;
                for (int j = 0; j < tokens; j++) {
                    sum += batch.values()[row * tokens + j];
                }
                assertEquals(1.0, sum, 1e-5, batch.site().name() + " row " + row);
            }
        }
        assertEquals(13, captured.batches.size());
    }
}
