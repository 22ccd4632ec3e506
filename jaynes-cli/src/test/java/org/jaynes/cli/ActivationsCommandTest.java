package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static JsonNode bundled;

    @BeforeAll
    static void runBundledOnce() throws IOException {
        CliRun run = CliRun.of("activations", "--quiet", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        bundled = JSON.readTree(run.out());
    }

    @Test
    void bundledModelReportsEveryGeluAndAttentionProbabilityLayer() {
        List<String> names = new ArrayList<>();
        bundled.get("layers").forEach(l -> names.add(l.get("name").asText()));
        for (int block = 0; block < 6; block++) {
            assertTrue(names.contains("encoder.layer." + block + ".intermediate.gelu"), names.toString());
            assertTrue(names.contains("encoder.layer." + block + ".attention.probs"), names.toString());
        }
        for (JsonNode layer : bundled.get("layers")) {
            assertEquals("activation", layer.get("kind").asText());
            assertTrue(layer.get("n").asLong() > 0, layer.toString());
            assertFalse(layer.get("weights").isNull(), "each layer of a BERT encoder has weights beside it");
        }
        JsonNode gelu = layer("encoder.layer.0.intermediate.gelu");
        assertEquals("gelu", gelu.get("function").asText());
        assertTrue(gelu.get("negatives").asLong() > gelu.get("n").asLong() / 10, "GELU has a negative lobe");
        assertEquals("encoder.layer.0.intermediate.dense", gelu.get("weights").get("name").asText());
        assertEquals(1536, gelu.get("shape").get(1).asLong());
        JsonNode probs = layer("encoder.layer.0.attention.probs");
        assertEquals("attention-probabilities", probs.get("function").asText());
        assertEquals(0, probs.get("negatives").asLong());
    }

    /** The options of the capture, not those of the weight analysis (--include, --baseline do not apply). */
    @Test
    void bundledReportRecordsItsOwnOptions() {
        JsonNode options = bundled.get("options");
        List<String> names = new ArrayList<>();
        options.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("batch", "maxLength", "rows", "seed", "threads"), names);
        assertEquals(ActivationsCommand.DEFAULT_BATCH, options.get("batch").asInt());
        assertTrue(options.get("seed").isNull(), "no random inputs, no seed");
        assertEquals(0, bundled.get("setAside").size(), "MiniLM has no subgraphs");
    }

    @Test
    void randomInputsRecordTheirRowsAndSeed() throws IOException {
        CliRun run = CliRun.of("activations", FIXTURES.resolve("einsum.onnx").toString(), "--random-inputs",
                "--rows", "5", "--seed", "7", "--quiet", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(5, report.get("options").get("rows").asInt());
        assertEquals(7, report.get("options").get("seed").asInt());
        List<String> functions = new ArrayList<>();
        report.get("layers").forEach(l -> functions.add(l.get("function").asText()));
        assertEquals(List.of("attention-probabilities", "attention-probabilities", "softmax"), functions,
                "attention written with Einsum");
    }

    @Test
    void sitesInsideSubgraphsAreListedAsSetAside() throws IOException {
        CliRun run = CliRun.of("activations", FIXTURES.resolve("subgraph.onnx").toString(), "--random-inputs",
                "--quiet", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode setAside = JSON.readTree(run.out()).get("setAside");
        assertEquals(3, setAside.size(), setAside.toString());
        assertTrue(setAside.get(0).get("reason").asText().contains("If node '/branch/If'"), setAside.toString());
    }

    @Test
    void aFloat16ModelRuns() throws IOException {
        CliRun run = CliRun.of("activations", FIXTURES.resolve("fp16.onnx").toString(), "--random-inputs",
                "--quiet", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, JSON.readTree(run.out()).get("layers").size());
    }

    @Test
    void bundledReportStatesItsInputs() {
        JsonNode inputs = bundled.get("inputs");
        assertTrue(inputs.get("source").asText().contains("bundled"), inputs.toString());
        assertTrue(inputs.get("inputs").asLong() >= 300, "a few hundred sentences");
        assertTrue(inputs.get("positions").asLong() > inputs.get("inputs").asLong());
        assertTrue(inputs.get("warning").isNull());
        // Every position of every sentence in every head: the attention population is sum over texts of 12 L^2.
        JsonNode gelu = layer("encoder.layer.3.intermediate.gelu");
        assertEquals(inputs.get("positions").asLong() * 1536, gelu.get("n").asLong());
    }

    @Test
    void textFileThatIsNotUtf8IsRefusedWithItsByteOffset() throws IOException {
        Path file = dir.resolve("latin1.txt");
        byte[] good = "first line\nsecond ".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 3];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[good.length] = (byte) 0xE9;
        bytes[good.length + 1] = 't';
        bytes[good.length + 2] = '\n';
        Files.write(file, bytes);
        CliRun run = CliRun.of("activations", "--quiet", "--text", file.toString());
        assertEquals(2, run.exitCode());
        assertOneLine(run, file.toString(), "at byte " + good.length + ":", "UTF-8");
    }

    @Test
    void emptyTextFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.txt"), "\n  \n");
        CliRun run = CliRun.of("activations", "--quiet", "--text", file.toString());
        assertEquals(2, run.exitCode());
        assertOneLine(run, file.toString(), "empty");
    }

    /** A one-input model, x[batch, 3] → Relu, and its arrays, made by tools/make_capture_fixtures.py. */
    private static final Path FIXTURES = Path.of("../jaynes-capture/src/test/resources/onnx");

    @Test
    void npyInputsFeedAModelWithoutText() throws IOException {
        CliRun run = CliRun.of("activations", FIXTURES.resolve("relu.onnx").toString(), "--inputs",
                FIXTURES.resolve("x.npy").toString(), "--quiet", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        JsonNode relu = report.get("layers").get(0);
        assertEquals("relu", relu.get("function").asText());
        assertEquals(3 * report.get("inputs").get("inputs").asLong(), relu.get("n").asLong());
        assertEquals(0, relu.get("negatives").asLong());
        assertTrue(relu.get("weights").isNull(), "the model has no weights");
    }

    @Test
    void npyOfTheWrongShapeIsRefused() {
        Path wide = FIXTURES.resolve("x-wide.npy");
        CliRun run = CliRun.of("activations", FIXTURES.resolve("relu.onnx").toString(), "--inputs", wide.toString(),
                "--quiet");
        assertEquals(2, run.exitCode());
        assertOneLine(run, wide.toString(), "shape");
        assertEquals("", run.out(), "nothing written");
    }

    @Test
    void severalInputSourcesAreRefused() {
        CliRun run = CliRun.of("activations", "--quiet", "--random-inputs", "--text", "t.txt");
        assertEquals(2, run.exitCode());
        assertOneLine(run, "--text", "--random-inputs");
    }

    @Test
    void randomInputsCarryAWarning() {
        CliRun run = CliRun.of("activations", "--quiet", "--random-inputs", "--rows", "4", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"warning\" : \"the model ran on random inputs"), run.out());
    }

    private static JsonNode layer(String name) {
        for (JsonNode layer : bundled.get("layers")) {
            if (layer.get("name").asText().equals(name)) {
                return layer;
            }
        }
        throw new AssertionError("no layer " + name);
    }

    private static void assertOneLine(CliRun run, String... parts) {
        String err = run.err().strip();
        assertFalse(err.contains("\n"), err);
        assertFalse(err.contains("Exception"), err);
        for (String part : parts) {
            assertTrue(err.contains(part), err);
        }
    }
}
