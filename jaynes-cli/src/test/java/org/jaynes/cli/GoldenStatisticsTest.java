package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.core.model.Model;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.tensor.DType;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.onnx.OnnxReader;
import org.jaynes.formats.safetensors.SafetensorsReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the statistics of whole models, read by the real readers and analysed with the defaults,
 * against golden values that numpy and scipy computed in float64 from the same stored values
 * ({@code tools/make_golden_stats.py} made {@code golden/} and says how; the test needs no Python).
 */
class GoldenStatisticsTest {

    /**
     * mean, std, mu, sigma: both sides sum exactly stored values in double, numpy pairwise and jaynes in
     * compensated blocks; they agree to about 1e-14, so 1e-9 relative only excludes real mistakes.
     */
    private static final double RELATIVE = 1e-9;

    /**
     * ks of f32 data comes from a histogram whose bins are ≤ 2^-17 wide in ln|w|, so its error is at
     * most 2^-17/(2σ√(2π)) ≈ 1.5e-6/σ (reported as ksErrorBound); every population here has σ > 0.8.
     */
    private static final double KS_ABSOLUTE = 1e-5;

    /** ks of f16 and bf16 data is computed from exact values: only rounding in Φ, μ and σ remains. */
    private static final double KS_EXACT = 1e-9;

    private static final String BUNDLED = "all-minilm-l6-v2.onnx";

    private static JsonNode golden;

    @BeforeAll
    static void readGolden() throws IOException {
        try (InputStream in = GoldenStatisticsTest.class.getResourceAsStream("/golden/golden-stats.json")) {
            assertNotNull(in, "golden/golden-stats.json is not on the test class path");
            golden = new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"f32.safetensors", "f16.safetensors", "bf16.safetensors"})
    void generatedSafetensorsFilesMatchScipy(String file) throws IOException, ModelFormatException {
        Model model = new SafetensorsReader().read(resource("golden/" + file));
        AnalysisResult result = new ModelAnalyzer(AnalysisOptions.DEFAULTS).analyze(model, ProgressListener.NONE);
        JsonNode entry = golden.path("files").path(file);
        check(file, entry, result);
        assertEquals(names(entry.path("set_aside")),
                result.setAside().stream().map(s -> s.tensor().tensor()).collect(Collectors.toCollection(TreeSet::new)),
                file + ": tensors set aside");
    }

    @Test
    void bundledModelMatchesScipy(@TempDir Path folder) throws IOException, ModelFormatException {
        Path file = folder.resolve(BUNDLED);
        try (InputStream in = GoldenStatisticsTest.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            assertNotNull(in, BUNDLED + " is not on the test class path");
            Files.copy(in, file);
        }
        JsonNode entry = golden.path("files").path(BUNDLED);
        assertEquals(entry.path("sha256").asText(), sha256(file),
                "the bundled model is not the one the golden values were made from: rerun tools/make_golden_stats.py");
        Model model = new OnnxReader().read(file);
        AnalysisResult result = new ModelAnalyzer(AnalysisOptions.DEFAULTS).analyze(model, ProgressListener.NONE);
        assertEquals(39, result.layers().size(), "populations of the bundled model");
        check(BUNDLED, entry, result);
    }

    /** Every population and the pooled row; all disagreements are reported together. */
    private static void check(String file, JsonNode entry, AnalysisResult result) {
        assertTrue(entry.path("populations").size() > 0, file + ": no golden populations");
        Map<String, LayerResult> layers = result.layers().stream()
                .collect(Collectors.toMap(l -> l.tensor().tensor(), l -> l));
        assertEquals(names(entry.path("populations")), new TreeSet<>(layers.keySet()), file + ": populations");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> population : entry.path("populations").properties()) {
            LayerResult layer = layers.get(population.getKey());
            DType dtype = layer.tensor().dtype();
            boolean exact = dtype == DType.F16 || dtype == DType.BF16;
            compare(file + " " + population.getKey(), population.getValue(), layer.stats(),
                    exact ? KS_EXACT : KS_ABSOLUTE, problems);
            if (exact && layer.stats().ksErrorBound() != 0) {
                problems.add(file + " " + population.getKey() + ": exact dtype with a KS error bound");
            }
        }
        compare(file + " pooled", entry.path("pooled"), result.pooled().stats(), KS_ABSOLUTE, problems);
        assertTrue(problems.isEmpty(), () -> problems.size() + " disagreements with scipy:\n"
                + String.join("\n", problems));
    }

    private static void compare(String context, JsonNode expected, PopulationStats actual, double ksTolerance,
                                List<String> problems) {
        exact(context, "n", expected.path("n").asLong(), actual.n(), problems);
        exact(context, "zeros", expected.path("zeros").asLong(), actual.zeros(), problems);
        exact(context, "nonfinite", expected.path("nonfinite").asLong(), actual.nonfinite(), problems);
        close(context, "mean", expected.path("mean").asDouble(), actual.mean(), RELATIVE * Math.abs(expected.path("mean").asDouble()), problems);
        close(context, "std", expected.path("std").asDouble(), actual.std(), RELATIVE * Math.abs(expected.path("std").asDouble()), problems);
        close(context, "mu", expected.path("mu").asDouble(), actual.mu(), RELATIVE * Math.abs(expected.path("mu").asDouble()), problems);
        close(context, "sigma", expected.path("sigma").asDouble(), actual.sigma(), RELATIVE * Math.abs(expected.path("sigma").asDouble()), problems);
        close(context, "ks", expected.path("ks").asDouble(), actual.ks(), ksTolerance, problems);
    }

    private static void exact(String context, String field, long expected, long actual, List<String> problems) {
        if (expected != actual) {
            problems.add(String.format(Locale.ROOT, "%s: %s expected %d, found %d", context, field, expected, actual));
        }
    }

    private static void close(String context, String field, double expected, double actual, double tolerance,
                              List<String> problems) {
        if (!(Math.abs(expected - actual) <= tolerance)) {
            problems.add(String.format(Locale.ROOT, "%s: %s expected %.17g, found %.17g (difference %.3g, tolerance %.3g)",
                    context, field, expected, actual, Math.abs(expected - actual), tolerance));
        }
    }

    private static TreeSet<String> names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static Path resource(String name) {
        URL url = GoldenStatisticsTest.class.getClassLoader().getResource(name);
        assertNotNull(url, name + " is not on the test class path");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
