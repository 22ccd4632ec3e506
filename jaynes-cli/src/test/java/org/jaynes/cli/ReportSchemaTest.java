package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --json} report against its documentation, {@code docs/report.schema.json} (JSON Schema draft
 * 2020-12, closed objects): real reports validate, and reports with a field removed, renamed or added do not,
 * so the schema and {@code JsonReportWriter} cannot drift apart unnoticed. Each model is analysed once.
 */
class ReportSchemaTest {

    /** The test's working directory is jaynes-cli/. */
    private static final Path SCHEMA = Path.of("../docs/report.schema.json");
    private static final Path GOLDEN_F32 = Path.of("src/test/resources/golden/f32.safetensors");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @TempDir
    static Path dir;

    private static JsonNode schemaNode;
    private static JsonSchema schema;
    private static JsonNode bundledDefault;
    private static JsonNode bundledBaselineRms;
    private static JsonNode goldenF32;
    private static JsonNode zerosAndNaN;
    private static JsonNode activations;

    @BeforeAll
    static void analyseOnce() throws IOException {
        schemaNode = JSON.readTree(SCHEMA.toFile());
        schema = FACTORY.getSchema(schemaNode);
        bundledDefault = analyze();
        bundledBaselineRms = analyze("--baseline", "gaussian", "--normalize", "rms");
        goldenF32 = analyze(GOLDEN_F32.toString());
        zerosAndNaN = analyze(writeZeroAndNaNTensors(dir.resolve("zeros-and-nan.safetensors")).toString());
        CliRun run = CliRun.of("activations", "--quiet", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        activations = JSON.readTree(run.out());
    }

    @Test
    void bundledModelActivationReportMatchesTheSchema() {
        assertEquals("activations", activations.get("kind").asText());
        assertValid(schema.validate(activations));
    }

    @Test
    void activationLayerWithoutItsNegativesFailsValidation() {
        assertInvalid(activations, r -> layer(r, 0).remove("negatives"), "required", "$.layers[0]");
    }

    @Test
    void weightLayerWithAnActivationFieldFailsValidation() {
        assertInvalid(bundledDefault, r -> layer(r, 0).put("negatives", 3), "not", "$.layers[0]");
    }

    @Test
    void activationReportWithoutItsInputsFailsValidation() {
        assertInvalid(activations, r -> r.remove("inputs"), "required", "$");
    }

    @Test
    void schemaIsAValidDraft202012Schema() {
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertValid(metaSchema.validate(schemaNode));
    }

    @Test
    void bundledModelReportWithDefaultOptionsMatchesTheSchema() {
        assertEquals(39, bundledDefault.get("layers").size());
        assertValid(schema.validate(bundledDefault));
    }

    @Test
    void bundledModelReportWithGaussianBaselineAndRmsNormalisationMatchesTheSchema() {
        assertEquals("rms", bundledBaselineRms.get("options").get("normalize").asText());
        for (JsonNode layer : bundledBaselineRms.get("layers")) {
            assertTrue(layer.has("baseline"), layer.get("name").asText());
        }
        assertValid(schema.validate(bundledBaselineRms));
    }

    @Test
    void goldenF32ReportWithZerosAndNaNMatchesTheSchema() {
        assertTrue(layers(goldenF32).anyMatch(l -> l.get("zeros").asLong() > 0 && l.get("nonfinite").asLong() > 0));
        assertValid(schema.validate(goldenF32));
    }

    @Test
    void layersWithNothingToFitWriteNullsThatMatchTheSchema() {
        JsonNode allZero = zerosAndNaN.get("layers").get(0);
        JsonNode allNaN = zerosAndNaN.get("layers").get(1);
        assertTrue(allZero.get("mu").isNull() && allZero.get("best").isNull(), allZero.toString());
        assertTrue(allNaN.get("mean").isNull() && allNaN.get("fits").get("gamma").get("aic").isNull(),
                allNaN.toString());
        assertTrue(zerosAndNaN.get("universality").get("overall").get("sigmaMean").isNull());
        assertValid(schema.validate(zerosAndNaN));
    }

    @Test
    void reportWithoutALayerFieldFailsValidation() {
        assertInvalid(bundledDefault, r -> layer(r, 0).remove("sigma"), "required", "$.layers[0]");
    }

    @Test
    void reportWithARenamedPooledFieldFailsValidation() {
        assertInvalid(bundledDefault, r -> {
            ObjectNode pooled = (ObjectNode) r.get("pooled");
            pooled.set("arbitrage_gap", pooled.remove("arbitrageGap"));
        }, "required", "$.pooled");
    }

    @Test
    void reportWithAnUndocumentedFieldInABaselineLayerFailsValidation() {
        assertInvalid(bundledBaselineRms, r -> ((ObjectNode) layer(r, 3).get("baseline")).put("kurtosis", 3.0),
                "unevaluatedProperties", "$.layers[3].baseline");
    }

    @Test
    void baselineReportWithALayerWithoutItsBaselineFailsValidation() {
        assertInvalid(bundledBaselineRms, r -> layer(r, 5).remove("baseline"), "required", "$.layers[5]");
    }

    @Test
    void reportWithAnUndocumentedFitFailsValidation() {
        assertInvalid(goldenF32, r -> ((ObjectNode) layer(r, 0).get("fits")).set("cauchy",
                layer(r, 0).get("fits").get("laplace").deepCopy()), "additionalProperties", "$.layers[0].fits");
    }

    @Test
    void reportWithAnUnknownRoleFailsValidation() {
        assertInvalid(goldenF32, r -> layer(r, 1).put("role", "attention"), "enum", "$.layers[1].role");
    }

    @Test
    void reportWithAStringForANumberFailsValidation() {
        assertInvalid(goldenF32, r -> layer(r, 2).put("sigma", "1.1"), "type", "$.layers[2].sigma");
    }

    private static JsonNode analyze(String... options) throws IOException {
        String[] args = new String[options.length + 4];
        args[0] = "analyze";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--quiet";
        args[options.length + 2] = "--json";
        args[options.length + 3] = "-";
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        return JSON.readTree(run.out());
    }

    /**
     * Writes a safetensors file of two f32 populations with nothing to fit, one all zeros and one all NaN, so
     * that μ, σ, every fit and the universality means are not finite and written as null.
     */
    private static Path writeZeroAndNaNTensors(Path file) throws IOException {
        int elements = 64 * 64;
        String header = String.format(Locale.ROOT, "{\"zero.weight\":{\"dtype\":\"F32\",\"shape\":[64,64],"
                + "\"data_offsets\":[0,%d]},\"nan.weight\":{\"dtype\":\"F32\",\"shape\":[64,64],"
                + "\"data_offsets\":[%d,%d]}}", 4 * elements, 4 * elements, 8 * elements);
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + headerBytes.length + 8 * elements).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(headerBytes.length).put(headerBytes);
        for (int i = 0; i < elements; i++) {
            bytes.putFloat(0f);
        }
        for (int i = 0; i < elements; i++) {
            bytes.putFloat(Float.NaN);
        }
        return Files.write(file, bytes.array());
    }

    private static void assertValid(Set<ValidationMessage> messages) {
        assertEquals("", describe(messages));
    }

    /** Breaks a copy of a valid report and checks the schema says what and where. */
    private static void assertInvalid(JsonNode report, Consumer<ObjectNode> breakIt, String type, String location) {
        assertValid(schema.validate(report));
        ObjectNode broken = report.deepCopy();
        breakIt.accept(broken);
        Set<ValidationMessage> messages = schema.validate(broken);
        assertFalse(messages.isEmpty(), "the schema accepted the broken report");
        assertTrue(messages.stream().anyMatch(m -> m.getType().equals(type)
                && m.getInstanceLocation().toString().equals(location)), describe(messages));
    }

    private static String describe(Set<ValidationMessage> messages) {
        return messages.stream().map(m -> m.getType() + " at " + m.getInstanceLocation() + ": " + m.getMessage())
                .sorted().collect(Collectors.joining("\n"));
    }

    private static ObjectNode layer(ObjectNode report, int index) {
        return (ObjectNode) ((ArrayNode) report.get("layers")).get(index);
    }

    private static Stream<JsonNode> layers(JsonNode report) {
        return StreamSupport.stream(report.get("layers").spliterator(), false);
    }
}
