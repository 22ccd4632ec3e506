package org.jaynes.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import org.jaynes.core.analysis.ActivationResult;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.Baseline;
import org.jaynes.report.SampleAnalysis;
import org.jaynes.report.html.ActivationSample;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void hasTheDocumentedShape() throws IOException {
        JsonNode report = MAPPER.readTree(write(SampleAnalysis.of(AnalysisOptions.DEFAULTS)));
        assertEquals(Set.of("tool", "kind", "model", "options", "conventions", "layers", "setAside", "pooled",
                "universality"), keys(report));
        assertEquals("weights", report.get("kind").asText());
        assertEquals("sample.safetensors", report.get("model").get("path").asText());
        assertEquals("safetensors", report.get("model").get("format").asText());
        assertEquals(2, report.get("layers").size());
        JsonNode layer = report.get("layers").get(0);
        assertEquals("weight", layer.get("kind").asText());
        for (String key : new String[] {"name", "tensor", "role", "shape", "dtype", "n", "zeros", "nonfinite", "mean",
                "std", "mu", "sigma", "ks", "fits", "best", "vuong", "r2", "alpha", "beta", "utilitySpread",
                "arbitrageGap", "verdict"}) {
            assertTrue(layer.has(key), "layer lacks " + key);
        }
        assertEquals(Set.of("lognormal", "halfnormal", "exponential", "weibull", "gamma", "normal", "laplace", "gennorm"),
                keys(layer.get("fits")));
        assertEquals(Set.of("halfnormal", "exponential", "weibull", "gamma"), keys(layer.get("vuong")));
        assertEquals("layers.0.attn.q_proj", layer.get("name").asText());
        assertEquals("layers.0.attn.q_proj.weight", layer.get("tensor").asText());
        assertEquals("attention-query", layer.get("role").asText());
        assertEquals("[64,96]", layer.get("shape").toString());
        assertEquals("rank below 2", report.get("setAside").get(0).get("reason").asText());
        assertEquals(Set.of("n", "zeros", "nonfinite", "mean", "std", "mu", "sigma", "ks", "ksErrorBound",
                "normalizedMu", "r2", "alpha", "beta", "utilitySpread", "arbitrageGap", "fits", "best", "vuong",
                "verdict"), keys(report.get("pooled")));
        assertEquals(2, report.get("universality").get("overall").get("layers").asInt());
        assertEquals("none", report.get("options").get("baseline").asText());
    }

    @Test
    void baselineLayersNestTheirOwnAnalysis() throws IOException {
        JsonNode report = MAPPER.readTree(write(SampleAnalysis.of(AnalysisOptions.DEFAULTS.withBaseline(Baseline.GAUSSIAN))));
        JsonNode baseline = report.get("layers").get(1).get("baseline");
        assertTrue(baseline.get("name").asText().endsWith("(gaussian baseline)"));
        assertEquals(report.get("layers").get(1).get("n").asLong(), baseline.get("n").asLong());
        // A Gaussian tensor: sigma of ln|w| near pi/sqrt(8), the half-normal law fitting well.
        assertEquals(Math.PI / Math.sqrt(8), baseline.get("sigma").asDouble(), 0.05);
    }

    @Test
    void activationReportsSayWhatRanAndPairEachLayerWithItsWeights() throws IOException {
        ActivationResult result = ActivationSample.of(Optional.of("random inputs"));
        StringWriter out = new StringWriter();
        new JsonReportWriter("test").write(result, out);
        JsonNode report = MAPPER.readTree(out.toString());
        assertEquals("activations", report.get("kind").asText());
        assertEquals("sentences <test>.txt", report.get("inputs").get("source").asText());
        assertEquals(96, report.get("inputs").get("positions").asLong());
        assertEquals("random inputs", report.get("inputs").get("warning").asText());
        assertEquals(3, report.get("layers").size());
        JsonNode relu = report.get("layers").get(0);
        assertEquals("activation", relu.get("kind").asText());
        assertEquals("relu", relu.get("function").asText());
        assertEquals(relu.get("n").asLong(), result.layers().get(0).result().stats().n());
        assertTrue(relu.get("zeros").asLong() > 0.3 * relu.get("n").asLong(), "a third are zeros");
        assertEquals(0, relu.get("negatives").asLong());
        JsonNode gelu = report.get("layers").get(1);
        assertEquals(result.layers().get(1).negatives(), gelu.get("negatives").asLong());
        assertEquals("blocks.5.weight", gelu.get("weights").get("name").asText());
        double sigma = gelu.get("sigma").asDouble();
        assertEquals(1 / (2 * sigma * sigma), gelu.get("zeta").asDouble(), 1e-12, "sigma = 1/sqrt(2 zeta)");
        assertEquals(gelu.get("alpha").asDouble(), gelu.get("eta").asDouble(), 0);
        assertEquals(result.layers().get(1).weights().orElseThrow().stats().sigma(),
                gelu.get("weights").get("sigma").asDouble(), 0);
        assertTrue(report.get("layers").get(2).get("weights").isNull(), "head.softmax shares no name part");
        assertEquals(0, report.get("setAside").size());
    }

    @Test
    void outputDoesNotChangeWithTheLocale() throws IOException {
        AnalysisResult result = SampleAnalysis.of(AnalysisOptions.DEFAULTS);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = write(result);
            Locale.setDefault(Locale.ROOT);
            assertEquals(write(result), german);
            assertTrue(german.contains("\"sigma\" : 1."), "decimal point, not comma");
        } finally {
            Locale.setDefault(before);
        }
    }

    private static String write(AnalysisResult result) throws IOException {
        StringWriter out = new StringWriter();
        new JsonReportWriter("test").write(result, out);
        return out.toString();
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
