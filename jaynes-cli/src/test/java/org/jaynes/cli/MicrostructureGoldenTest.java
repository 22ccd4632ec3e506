package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.core.stats.Normalization;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R², (α, β), utility spread, arbitrage gap and the normalisations against numpy
 * ({@code tools/make_golden_microstructure.py}) for the generated golden files and the bundled model.
 */
class MicrostructureGoldenTest {

    /** α and β come from exact μ and σ. */
    private static final double EXACT = 1e-9;
    /** Binned quantities of 8- and 16-bit values, whose cells are exact values. */
    private static final double BINNED_EXACT = 1e-9;
    /**
     * Binned quantities of f32 values: jaynes bins fine cells by their midpoint, numpy bins values, so a
     * value within one fine cell (2^-17 in ln|w|) of one of the 100 bin edges may land in the neighbouring
     * bin; about 1 value in 10^4 does, which moves R², the spread and the gap by up to ~1e-4 relative.
     */
    private static final double BINNED_HISTOGRAM = 2e-4;
    /** The median of f32 values, located at the midpoint of its fine cell: within 2^-18 relative. */
    private static final double MEDIAN_HISTOGRAM = 4e-6;

    private static JsonNode golden;

    @BeforeAll
    static void readGolden() throws IOException {
        try (InputStream in = MicrostructureGoldenTest.class.getResourceAsStream("/golden/microstructure.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        assertEquals(AnalysisOptions.DEFAULT_BINS, golden.get("bins").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32.safetensors", "f16.safetensors", "bf16.safetensors", "all-minilm-l6-v2.onnx"})
    void matchesNumpy(String file) throws Exception {
        Path path = file.endsWith(".onnx") ? BundledModel.file() : resource(file);
        JsonNode expected = golden.get("files").get(file);
        List<String> problems = new ArrayList<>();
        Map<Normalization, AnalysisResult> results = new java.util.EnumMap<>(Normalization.class);
        for (Normalization normalization : Normalization.values()) {
            results.put(normalization, analyze(path, AnalysisOptions.DEFAULTS.withNormalization(normalization)));
        }
        AnalysisResult plain = results.get(Normalization.NONE);
        boolean exact = file.startsWith("f16") || file.startsWith("bf16");
        double binned = exact ? BINNED_EXACT : BINNED_HISTOGRAM;
        double median = exact ? EXACT : MEDIAN_HISTOGRAM;
        assertEquals(expected.size(), plain.layers().size());
        for (int i = 0; i < plain.layers().size(); i++) {
            LayerResult layer = plain.layers().get(i);
            JsonNode want = expected.get(layer.tensor().tensor());
            String where = file + " " + layer.tensor().tensor();
            close(where, "r2", want.get("r2").asDouble(), layer.r2(), binned, problems);
            close(where, "alpha", want.get("alpha").asDouble(), layer.game().game().alpha(), EXACT, problems);
            close(where, "beta", want.get("beta").asDouble(), layer.game().game().beta(), EXACT, problems);
            close(where, "utilitySpread", want.get("utilitySpread").asDouble(), layer.game().utilitySpread(), binned,
                    problems);
            close(where, "arbitrageGap", want.get("arbitrageGap").asDouble(), layer.game().arbitrageGap(), binned,
                    problems);
            double mu = layer.stats().mu();
            close(where, "mu-ln(rms)", mu - Math.log(want.get("rms").asDouble()),
                    results.get(Normalization.RMS).layers().get(i).normalizedMu(), EXACT, problems);
            close(where, "mu-ln(max)", mu - Math.log(want.get("maxAbs").asDouble()),
                    results.get(Normalization.MAX).layers().get(i).normalizedMu(), EXACT, problems);
            close(where, "ln(median)", Math.log(want.get("medianAbs").asDouble()),
                    mu - results.get(Normalization.MEDIAN).layers().get(i).normalizedMu(), median, problems);
            for (AnalysisResult normalized : results.values()) {
                assertEquals(layer.stats().sigma(), normalized.layers().get(i).stats().sigma(),
                        "sigma must not depend on the normalisation");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static AnalysisResult analyze(Path path, AnalysisOptions options) throws IOException, ModelFormatException {
        return new ModelAnalyzer(options).analyze(ModelOpener.standard().open(path), ProgressListener.NONE);
    }

    private static void close(String where, String field, double expected, double actual, double relative,
                              List<String> problems) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        if (!(Math.abs(actual - expected) <= relative * scale)) {
            problems.add(String.format(Locale.ROOT, "%s %s: numpy %.17g, jaynes %.17g (rel. error %.2e > %.0e)", where,
                    field, expected, actual, Math.abs(actual - expected) / scale, relative));
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(MicrostructureGoldenTest.class.getResource("/golden/" + name).toURI());
    }
}
