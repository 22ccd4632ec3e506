package org.jaynes.capture.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomFeedsTest {

    private static final long SEED = 20261123;

    @TempDir
    Path temp;

    @Test
    void theSameSeedGivesTheSameBatchesAndAnotherSeedOthers() throws Exception {
        Path model = TestModels.capture(temp);
        CaptureGraph graph = CaptureGraph.read(model);
        RandomFeeds a = RandomFeeds.of(model, graph, SEED, 8);
        RandomFeeds b = RandomFeeds.of(model, graph, SEED, 8);
        RandomFeeds c = RandomFeeds.of(model, graph, SEED + 1, 8);
        for (int batch = 0; batch < 3; batch++) {
            float[] x = ((FeedTensor.Float32) a.batch(4).get("x")).data();
            assertArrayEquals(x, ((FeedTensor.Float32) b.batch(4).get("x")).data(), "batch " + batch);
            assertFalse(java.util.Arrays.equals(x, ((FeedTensor.Float32) c.batch(4).get("x")).data()));
        }
    }

    @Test
    void floatsAreStandardNormal() throws Exception {
        Path model = TestModels.capture(temp);
        float[] x = ((FeedTensor.Float32) RandomFeeds.of(model, CaptureGraph.read(model), SEED, 8)
                .batch(10_000).get("x")).data();
        double sum = 0;
        double squares = 0;
        for (float v : x) {
            sum += v;
            squares += v * v;
        }
        double mean = sum / x.length;
        // 40,000 draws: the standard error of the mean is 0.005 and of the variance 0.007; seeded, so fixed
        assertEquals(0, mean, 0.025, "seed " + SEED);
        assertEquals(1, squares / x.length - mean * mean, 0.035, "seed " + SEED);
    }

    @Test
    void tokenInputsStayInsideTheirEmbeddingTablesAndTheModelRunsOnThem() throws Exception {
        Path model = TestModels.miniLm(temp);
        CaptureGraph graph = CaptureGraph.read(model);
        Map<String, FeedTensor> feeds = RandomFeeds.of(model, graph, SEED, 6).batch(2);
        Map<String, Long> bounds = Map.of("input_ids", 30522L, "attention_mask", 2L, "token_type_ids", 2L);
        long maxId = 0;
        for (Map.Entry<String, Long> bound : bounds.entrySet()) {
            FeedTensor.Int64 ints = (FeedTensor.Int64) feeds.get(bound.getKey());
            assertArrayEquals(new long[] {2, 6}, ints.shape());
            for (long v : ints.data()) {
                assertTrue(v >= 0 && v < bound.getValue(), bound.getKey() + " " + v);
            }
            if (bound.getKey().equals("input_ids")) {
                maxId = java.util.Arrays.stream(ints.data()).max().orElseThrow();
            }
        }
        assertTrue(maxId > 2, "ids drawn from the whole vocabulary");
        CapturedValues sink = new CapturedValues();
        try (OnnxCapture capture = OnnxCapture.open(model, graph.sites(), 1)) {
            capture.run(feeds, sink);
        }
        assertEquals(13, sink.batches.size());
        assertArrayEquals(new long[] {2, 6, 1536}, sink.batches.get(1).shape());
    }

    @Test
    void inputsOfOtherTypesAreRefused() {
        Path model = temp.resolve("m.onnx");
        CaptureGraph graph = new CaptureGraph(List.of(), List.of(),
                List.of(new ModelInput("flags", ElementType.BOOL, new long[] {-1})), Map.of());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> RandomFeeds.of(model, graph, SEED, 4));
        assertEquals(model + ": the model's input 'flags' is bool; random inputs are float32, float16, bfloat16 "
                + "or int64", e.getMessage());
    }
}
