package org.jaynes.capture.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jaynes.core.analysis.ActivationAnalysis;
import org.jaynes.core.analysis.ActivationInputs;
import org.jaynes.core.analysis.ActivationResult;
import org.jaynes.core.analysis.ActivationSite;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.stats.PopulationStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureRunTest {

    private static final AnalysisOptions OPTIONS = AnalysisOptions.DEFAULTS.withThreads(1);
    private static final int ROWS_PER_BATCH = 3;

    @TempDir
    Path temp;

    private Path model;
    private NpzArrays inputs;
    private AnalysisResult noWeights;

    @BeforeEach
    void open() throws Exception {
        model = TestModels.capture(temp);
        inputs = NpzArrays.read(TestModels.copy("onnx/capture-inputs.npz", temp));
        noWeights = new ModelAnalyzer(OPTIONS).analyze(new Model("m.onnx", ModelFormat.ONNX, List.of()),
                ProgressListener.NONE);
    }

    /** Rows [first, first + count) of the fixture's seven inputs. */
    private Map<String, FeedTensor> rows(int first, int count, float scale) throws IOException {
        float[] x = Arrays.copyOfRange(inputs.floats("x"), first * 4, (first + count) * 4);
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale;
        }
        float[] mask = Arrays.copyOfRange(inputs.floats("mask"), first, first + count);
        return Map.of("x", new FeedTensor.Float32(new long[] {count, 4}, x),
                "mask", new FeedTensor.Float32(new long[] {count}, mask));
    }

    private int batches() {
        return (int) ((inputs.shape("x")[0] + ROWS_PER_BATCH - 1) / ROWS_PER_BATCH);
    }

    private CaptureRun.Pass pass(float scale) {
        long total = inputs.shape("x")[0];
        return b -> rows(b * ROWS_PER_BATCH, (int) Math.min(ROWS_PER_BATCH, total - (long) b * ROWS_PER_BATCH), scale);
    }

    private static ActivationResult result(ActivationAnalysis analysis, List<ActivationSite> sites,
                                           AnalysisResult weights) {
        analysis.add(sites, weights);
        return analysis.finish(weights.model(), new ActivationInputs("fixture", 7, 7, 3, Optional.empty()),
                weights);
    }

    /** The oracle: the same batches captured once into sites read once (a fine histogram each). */
    private ActivationResult readOnce() throws Exception {
        Map<String, ActivationSite> sites = new LinkedHashMap<>();
        CaptureGraph graph = CaptureGraph.read(model);
        graph.sites().forEach(s -> sites.put(s.tensorName(), new ActivationSite(s.name(), s.tensorName(),
                s.kind().function())));
        try (OnnxCapture capture = OnnxCapture.open(model, graph.sites(), 1)) {
            CaptureRun.Pass pass = pass(1f);
            for (int b = 0; b < batches(); b++) {
                capture.run(pass.batch(b), (site, shape, values) -> sites.get(site.tensorName()).accept(shape,
                        values));
            }
        }
        return result(new ActivationAnalysis(OPTIONS), new ArrayList<>(sites.values()), noWeights);
    }

    @Test
    void everySiteReadTwiceHasTheStatisticsOfOneReadOnce() throws Exception {
        ActivationAnalysis analysis = new ActivationAnalysis(OPTIONS);
        List<String> progress = new ArrayList<>();
        List<ActivationSite> sites;
        try (OnnxCapture capture = OnnxCapture.open(model, CaptureGraph.read(model).sites(), 1)) {
            sites = CaptureRun.run(capture, analysis, batches(), () -> pass(1f),
                    (pass, batch) -> progress.add(pass + ":" + batch));
        }
        assertEquals(List.of("1:0", "1:1", "1:2", "2:0", "2:1", "2:2"), progress, "every batch, twice");
        ActivationResult twice = result(analysis, sites, noWeights);
        ActivationResult once = readOnce();
        assertEquals(9, twice.layers().size());
        for (int i = 0; i < once.layers().size(); i++) {
            PopulationStats expected = once.layers().get(i).result().stats();
            PopulationStats actual = twice.layers().get(i).result().stats();
            String name = once.layers().get(i).result().tensor().name();
            assertEquals(expected.n(), actual.n(), name);
            assertEquals(expected.zeros(), actual.zeros(), name);
            assertEquals(expected.mu(), actual.mu(), 1e-12, name);
            assertEquals(expected.sigma(), actual.sigma(), 1e-12, name);
            // both are exact on populations this small: every cell a KS supremum may lie in is refined
            assertEquals(expected.ks(), actual.ks(), 1e-5, name);
            assertEquals(once.layers().get(i).negatives(), twice.layers().get(i).negatives(), name);
        }
        assertEquals(once.pooled().stats().n(), twice.pooled().stats().n());
        assertEquals(once.pooled().stats().mu(), twice.pooled().stats().mu(), 1e-12);
    }

    @Test
    void inputsThatChangeBetweenThePassesFailTheRun() throws Exception {
        ActivationAnalysis analysis = new ActivationAnalysis(OPTIONS);
        float[] scales = {1f, 1.25f};
        int[] started = {0};
        try (OnnxCapture capture = OnnxCapture.open(model, CaptureGraph.read(model).sites(), 1)) {
            IOException e = assertThrows(IOException.class, () -> CaptureRun.run(capture, analysis, batches(),
                    () -> pass(scales[started[0]++]), CaptureRun.Progress.NONE));
            assertTrue(e.getMessage().startsWith(model + ": ONNX Runtime gave other outputs on the second run"),
                    e.getMessage());
        }
    }

    @Test
    void aModelWithoutSitesRunsItsInputsOnce() throws Exception {
        int[] started = {0};
        try (OnnxCapture capture = OnnxCapture.open(model, List.of(), 1)) {
            List<ActivationSite> sites = CaptureRun.run(capture, new ActivationAnalysis(OPTIONS), batches(), () -> {
                started[0]++;
                return pass(1f);
            }, CaptureRun.Progress.NONE);
            assertEquals(List.of(), sites);
        }
        assertEquals(1, started[0], "the feeds are still checked by one pass");
    }
}
