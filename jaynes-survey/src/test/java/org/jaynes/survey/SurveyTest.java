package org.jaynes.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.ModelOpener;
import org.jaynes.formats.safetensors.SafetensorsWriter;
import org.jaynes.formats.safetensors.WritableTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class SurveyTest {

    private static final AnalysisOptions OPTIONS = AnalysisOptions.DEFAULTS.withThreads(2);

    /** A model of two 64×128 f32 tensors of Gaussian values of standard deviation {@code std}. */
    private static Path model(Path file, long seed, double std) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<WritableTensor> tensors = new ArrayList<>();
        for (String name : List.of("encoder.dense.weight", "decoder.dense.weight")) {
            ByteBuffer bytes = ByteBuffer.allocate(64 * 128 * 4).order(ByteOrder.LITTLE_ENDIAN);
            while (bytes.hasRemaining()) {
                double u = random.nextDouble();
                double v = random.nextDouble();
                bytes.putFloat((float) (std * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v)));
            }
            tensors.add(WritableTensor.of(name, DType.F32, Shape.of(64, 128), HeapBytes.of(bytes.array())));
        }
        Files.createDirectories(file.getParent());
        SafetensorsWriter.write(file, tensors);
        return file;
    }

    private static Survey survey() {
        return new Survey(OPTIONS, ModelOpener.standard(), "test");
    }

    private static List<String[]> rows(Path out) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(SurveyTables.LAYERS))) {
            rows.add(fields(line));
        }
        return rows;
    }

    /** The fields of one RFC 4180 line without line breaks in fields. */
    private static String[] fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }

    /** The rows of the survey's Parquet table as DuckDB reads them, each value as the CSV spells it. */
    private static List<List<String>> parquetRows(Path out) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet r = statement.executeQuery("SELECT * FROM read_parquet('"
                     + out.resolve(SurveyTables.LAYERS_PARQUET) + "')")) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    Object value = r.getObject(c);
                    row.add(value == null ? "" : value instanceof Double d ? number(d) : value.toString());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The survey page, parsed as XML: it must be well-formed. */
    private static Document page(Path out) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(out.resolve(SurveyTables.PAGE))
                        .replace("<!DOCTYPE html>", ""))));
    }

    private static int sections(Document page, String id) {
        int found = 0;
        NodeList sections = page.getElementsByTagName("section");
        for (int i = 0; i < sections.getLength(); i++) {
            found += id.equals(((Element) sections.item(i)).getAttribute("id")) ? 1 : 0;
        }
        return found;
    }

    private static String number(double value) {
        return Double.toString(value).toLowerCase(Locale.ROOT);
    }

    @Test
    void everyLayerOfEveryModelIsOneRowWithAnalyzesNumbers(@TempDir Path dir) throws Exception {
        Path a = model(dir.resolve("zoo/a.safetensors"), 1, 0.02);
        Path b = model(dir.resolve("zoo/b.safetensors"), 2, 0.5);
        Path out = dir.resolve("out");
        SurveyResult result = survey().run(SurveyInputs.of(List.of("zoo/*.safetensors"), dir), out,
                SurveyListener.NONE);

        assertEquals(4, result.rows());
        assertTrue(result.failures().isEmpty());
        List<String[]> rows = rows(out);
        assertEquals(rows.subList(1, rows.size()).stream().map(List::of).toList(), parquetRows(out));
        List<String> header = List.of(rows.get(0));
        assertEquals(SurveyColumns.ALL.stream().map(SurveyColumns.Column::name).toList(), header);
        assertEquals(1, result.universality().size());
        assertEquals(2, result.universality().get(0).models()); // σ of a and b: one role, two models of two layers
        assertTrue(Files.readString(out.resolve(SurveyTables.MANIFEST)).contains("\"universality\""));
        Document page = page(out);
        for (String section : List.of("universality", "depth", "models")) {
            assertEquals(1, sections(page, section), section);
        }
        assertEquals(0, sections(page, "steps"));
        int mu = header.indexOf("mu");
        int sigma = header.indexOf("sigma");
        int best = header.indexOf("best");
        int depth = header.indexOf("relativeDepth");
        int row = 1;
        for (Path model : List.of(a, b)) {
            AnalysisResult direct = new ModelAnalyzer(OPTIONS).analyze(ModelOpener.standard().open(model),
                    ProgressListener.NONE);
            for (int i = 0; i < direct.layers().size(); i++, row++) {
                LayerResult layer = direct.layers().get(i);
                String[] fields = rows.get(row);
                assertEquals(model.getFileName().toString(), fields[0]);
                assertEquals("[64,128]", fields[header.indexOf("shape")]);
                assertEquals(number(layer.stats().mu()), fields[mu]);
                assertEquals(number(layer.stats().sigma()), fields[sigma]);
                assertEquals(layer.fits().best().orElseThrow().key(), fields[best]);
                assertEquals(number(i / (double) (direct.layers().size() - 1)), fields[depth]);
            }
        }
    }

    @Test
    void aSecondRunReusesCurrentReportsAndRereadsChangedModels(@TempDir Path dir) throws Exception {
        model(dir.resolve("a.safetensors"), 1, 0.02);
        Path b = model(dir.resolve("b.safetensors"), 2, 0.02);
        Path out = dir.resolve("out");
        List<SurveyInput> inputs = SurveyInputs.of(List.of("a.safetensors", "b.safetensors"), dir);
        survey().run(inputs, out, SurveyListener.NONE);
        byte[] first = Files.readAllBytes(out.resolve(SurveyTables.LAYERS));

        SurveyResult again = survey().run(inputs, out, SurveyListener.NONE);
        assertTrue(again.outcomes().stream().allMatch(SurveyOutcome.Reused.class::isInstance));
        assertEquals(0, again.bytesRead());
        assertArrayEquals(first, Files.readAllBytes(out.resolve(SurveyTables.LAYERS)));

        model(b, 3, 0.3);
        SurveyResult changed = survey().run(inputs, out, SurveyListener.NONE);
        assertInstanceOf(SurveyOutcome.Reused.class, changed.outcomes().get(0));
        assertInstanceOf(SurveyOutcome.Analysed.class, changed.outcomes().get(1));
        assertTrue(!List.of(first).equals(List.of(Files.readAllBytes(out.resolve(SurveyTables.LAYERS)))));
    }

    /**
     * Regression: a TF.js model was keyed by its model.json alone, so a changed weight shard left its old report
     * in use, and the bytes read counted the JSON only.
     */
    @Test
    void aTfjsModelIsKeyedByItsShardsToo(@TempDir Path dir) throws Exception {
        Path modelJson = Files.writeString(dir.resolve("model.json"), "{\"format\": \"graph-model\", "
                + "\"weightsManifest\": [{\"paths\": [\"s1.bin\", \"s2.bin\"], \"weights\": ["
                + "{\"name\": \"dense/kernel\", \"shape\": [64, 64], \"dtype\": \"float32\"}]}]}");
        writeShards(dir, 0.02);
        Path out = dir.resolve("out");
        List<SurveyInput> inputs = SurveyInputs.of(List.of("model.json"), dir);
        SurveyResult first = survey().run(inputs, out, SurveyListener.NONE);
        assertEquals(Files.size(modelJson) + 64 * 64 * 4, first.bytesRead());
        assertInstanceOf(SurveyOutcome.Reused.class, survey().run(inputs, out, SurveyListener.NONE).outcomes().get(0));

        writeShards(dir, 0.5);
        Files.setLastModifiedTime(dir.resolve("s2.bin"), java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(modelJson).toMillis() + 60_000));
        assertInstanceOf(SurveyOutcome.Analysed.class, survey().run(inputs, out, SurveyListener.NONE).outcomes().get(0));
    }

    /**
     * A current report is reused without opening its model (its key lists the files to check), and a model
     * is analysed again once a file its key lists is gone; a key saved without that list does not hold.
     */
    @Test
    void aReusedModelIsNotOpenedAndAMissingShardMakesItAnalysedAgain(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model.json"), "{\"format\": \"graph-model\", "
                + "\"weightsManifest\": [{\"paths\": [\"s1.bin\", \"s2.bin\"], \"weights\": ["
                + "{\"name\": \"dense/kernel\", \"shape\": [64, 64], \"dtype\": \"float32\"}]}]}");
        writeShards(dir, 0.02);
        Path out = dir.resolve("out");
        List<SurveyInput> inputs = SurveyInputs.of(List.of("model.json"), dir);
        int[] opened = {0};
        org.jaynes.formats.ModelReader tfjs = new org.jaynes.formats.tfjs.TfjsReader();
        ModelOpener counting = new ModelOpener(List.of(new org.jaynes.formats.ModelReader() {
            @Override
            public org.jaynes.core.model.ModelFormat format() {
                return tfjs.format();
            }

            @Override
            public boolean recognizes(Path file, ByteBuffer head) {
                return tfjs.recognizes(file, head);
            }

            @Override
            public org.jaynes.core.model.Model read(Path path) throws IOException,
                    org.jaynes.formats.ModelFormatException {
                opened[0]++;
                return tfjs.read(path);
            }
        }));
        Survey survey = new Survey(OPTIONS, counting, "test");
        assertInstanceOf(SurveyOutcome.Analysed.class, survey.run(inputs, out, SurveyListener.NONE).outcomes().get(0));
        int afterFirst = opened[0];
        assertTrue(afterFirst > 0);
        assertInstanceOf(SurveyOutcome.Reused.class, survey.run(inputs, out, SurveyListener.NONE).outcomes().get(0));
        assertEquals(afterFirst, opened[0]);
        JsonNode key = new ObjectMapper().readTree(out.resolve("reports/model.json.key.json").toFile());
        assertEquals(List.of("model.json", "s1.bin", "s2.bin"),
                new ObjectMapper().convertValue(key.get("files"), List.class));

        Path s2 = dir.resolve("s2.bin");
        Path moved = Files.move(s2, dir.resolve("s2.moved"));
        assertInstanceOf(SurveyOutcome.Failed.class, survey.run(inputs, out, SurveyListener.NONE).outcomes().get(0));
        Files.move(moved, s2);
        assertInstanceOf(SurveyOutcome.Reused.class, survey.run(inputs, out, SurveyListener.NONE).outcomes().get(0));

        ((com.fasterxml.jackson.databind.node.ObjectNode) key).remove("files");
        new ObjectMapper().writeValue(out.resolve("reports/model.json.key.json").toFile(), key);
        assertInstanceOf(SurveyOutcome.Analysed.class, survey.run(inputs, out, SurveyListener.NONE).outcomes().get(0));

        // A key naming a file outside the model's folder does not hold, even a copy of the right size and time.
        Path outside = Files.copy(dir.resolve("s1.bin"), Files.createTempFile("jaynes-key", ".bin"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        try {
            key = new ObjectMapper().readTree(out.resolve("reports/model.json.key.json").toFile());
            ((com.fasterxml.jackson.databind.node.ArrayNode) key.get("files")).set(1, dir.relativize(outside).toString());
            new ObjectMapper().writeValue(out.resolve("reports/model.json.key.json").toFile(), key);
            assertInstanceOf(SurveyOutcome.Analysed.class,
                    survey.run(inputs, out, SurveyListener.NONE).outcomes().get(0));
        } finally {
            Files.delete(outside);
        }
    }

    /** The 64 × 64 float32 weights of {@link #aTfjsModelIsKeyedByItsShardsToo}, split over two shards. */
    private static void writeShards(Path dir, double sigma) throws IOException {
        ByteBuffer values = ByteBuffer.allocate(64 * 64 * 4).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom random = new SplittableRandom(3);
        while (values.hasRemaining()) {
            values.putFloat((float) (sigma * (random.nextDouble() - 0.5)));
        }
        Files.write(dir.resolve("s1.bin"), java.util.Arrays.copyOfRange(values.array(), 0, 6000));
        Files.write(dir.resolve("s2.bin"), java.util.Arrays.copyOfRange(values.array(), 6000, 64 * 64 * 4));
    }

    /** Regression: a report was reused whatever options it had been made with, since its key held none. */
    @Test
    void aReportMadeWithOtherOptionsIsMadeAgainAndOneMadeOnOtherThreadsIsReused(@TempDir Path dir) throws Exception {
        model(dir.resolve("a.safetensors"), 1, 0.02);
        Path out = dir.resolve("out");
        List<SurveyInput> inputs = SurveyInputs.of(List.of("a.safetensors"), dir);
        assertEquals(2, survey().run(inputs, out, SurveyListener.NONE).rows());

        AnalysisOptions encoder = OPTIONS.withInclude(Pattern.compile("encoder"));
        SurveyResult selected = new Survey(encoder, ModelOpener.standard(), "test").run(inputs, out,
                SurveyListener.NONE);
        assertInstanceOf(SurveyOutcome.Analysed.class, selected.outcomes().get(0));
        assertEquals(1, selected.rows());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve(SurveyTables.MANIFEST).toFile());
        assertEquals("encoder", manifest.path("options").path("include").asText());
        assertEquals(new ObjectMapper().readTree(out.resolve("reports/a.safetensors.json").toFile()).get("options"),
                manifest.get("options"));

        SurveyResult again = new Survey(encoder.withThreads(1), ModelOpener.standard(), "test").run(inputs, out,
                SurveyListener.NONE);
        assertInstanceOf(SurveyOutcome.Reused.class, again.outcomes().get(0));
        assertEquals(1, again.rows());

        for (AnalysisOptions other : List.of(encoder.withInclude(Pattern.compile("decoder")), encoder.withBins(50),
                encoder.withMinElements(10_000))) {
            SurveyResult changed = new Survey(other, ModelOpener.standard(), "test").run(inputs, out,
                    SurveyListener.NONE);
            assertInstanceOf(SurveyOutcome.Analysed.class, changed.outcomes().get(0), other.toString());
        }
        assertEquals(2, survey().run(inputs, out, SurveyListener.NONE).rows());
    }

    @Test
    void anUnreadableModelIsAFailureAndTheOthersAreComplete(@TempDir Path dir) throws Exception {
        model(dir.resolve("a.safetensors"), 1, 0.02);
        Files.writeString(dir.resolve("broken.safetensors"), "not a model");
        model(dir.resolve("c.safetensors"), 3, 0.02);
        Path out = dir.resolve("out");
        SurveyResult result = survey().run(SurveyInputs.of(List.of("*.safetensors"), dir), out, SurveyListener.NONE);

        assertEquals(1, result.failures().size());
        assertEquals("broken.safetensors", result.failures().get(0).input().id());
        assertEquals(4, result.rows());
        List<String> failures = Files.readAllLines(out.resolve(SurveyTables.FAILURES));
        assertEquals(2, failures.size());
        assertTrue(failures.get(1).startsWith("broken.safetensors,"), failures.get(1));
        assertTrue(failures.get(1).contains("not a safetensors file"), failures.get(1));
        String manifest = Files.readString(out.resolve(SurveyTables.MANIFEST));
        assertTrue(manifest.contains("\"failed\""), manifest);
    }

    @Test
    void theTablesRebuildFromTheReportsAlone(@TempDir Path dir) throws Exception {
        Path a = model(dir.resolve("run/step-20"), 1, 0.02);
        model(dir.resolve("run/step-100"), 2, 0.02);
        Path out = dir.resolve("out");
        survey().run(CheckpointSeries.of(dir.resolve("run")), out, SurveyListener.NONE);
        byte[] layers = Files.readAllBytes(out.resolve(SurveyTables.LAYERS));
        List<String[]> rows = rows(out);
        int step = List.of(rows.get(0)).indexOf("step");
        assertEquals(List.of("20", "20", "100", "100"), rows.subList(1, 5).stream().map(r -> r[step]).toList());

        assertEquals(1, sections(page(out), "steps"));
        assertTrue(Files.readString(out.resolve(SurveyTables.PAGE)).contains("Checkpoints, steps 20 to 100"));

        Files.delete(a);
        Files.delete(out.resolve(SurveyTables.LAYERS));
        JsonNode options = new ObjectMapper().readTree(out.resolve(SurveyTables.MANIFEST).toFile()).get("options");
        byte[] page = Files.readAllBytes(out.resolve(SurveyTables.PAGE));
        SurveyResult rebuilt = Survey.rebuild(out, "test");
        assertEquals(4, rebuilt.rows());
        assertArrayEquals(layers, Files.readAllBytes(out.resolve(SurveyTables.LAYERS)));
        // The options stated again are the manifest's.
        assertEquals(options, new ObjectMapper().readTree(out.resolve(SurveyTables.MANIFEST).toFile()).get("options"));
        assertArrayEquals(page, Files.readAllBytes(out.resolve(SurveyTables.PAGE)));
    }

    @Test
    void aModelWithoutALayerToFitIsStillOnThePage(@TempDir Path dir) throws Exception {
        model(dir.resolve("a.safetensors"), 1, 0.02);
        ByteBuffer bias = ByteBuffer.allocate(16 * 4).order(ByteOrder.LITTLE_ENDIAN);
        SafetensorsWriter.write(dir.resolve("tiny.safetensors"), List.of(WritableTensor.of("head.bias", DType.F32,
                Shape.of(16), HeapBytes.of(bias.array()))));
        Path out = dir.resolve("out");
        SurveyResult result = survey().run(SurveyInputs.of(List.of("a.safetensors", "tiny.safetensors"), dir), out,
                SurveyListener.NONE);

        assertEquals(2, result.rows());
        String page = Files.readString(out.resolve(SurveyTables.PAGE));
        assertTrue(page.contains("2 models, 2 layers"), page.substring(0, Math.min(page.length(), 2000)));
        assertTrue(page.contains("tiny.safetensors"));
    }

    /** A run's checkpoints saved by torch.save (tools/make_torch_checkpoints.py), surveyed in step order. */
    @Test
    void checkpointsSavedByPytorchAreOneSeriesWithNumpysMuAndSigma(@TempDir Path dir) throws Exception {
        Path run = Path.of(SurveyTest.class.getResource("/torch-run").toURI());
        JsonNode golden = new ObjectMapper().readTree(run.resolveSibling("torch-run.json").toFile())
                .get("checkpoints");
        Path out = dir.resolve("out");
        SurveyResult result = survey().run(CheckpointSeries.of(run), out, SurveyListener.NONE);

        assertEquals(3, result.rows(), "one layer of 4,096 weights per checkpoint");
        List<String[]> rows = rows(out);
        List<String> header = List.of(rows.get(0));
        List<String> models = new ArrayList<>();
        for (String[] row : rows.subList(1, rows.size())) {
            String model = row[header.indexOf("model")];
            models.add(model);
            JsonNode expected = golden.get(model);
            assertEquals(expected.get("step").asText(), row[header.indexOf("step")]);
            assertEquals(expected.get("mu").asDouble(), Double.parseDouble(row[header.indexOf("mu")]),
                    1e-9 * Math.abs(expected.get("mu").asDouble()), model);
            assertEquals(expected.get("sigma").asDouble(), Double.parseDouble(row[header.indexOf("sigma")]),
                    1e-9 * expected.get("sigma").asDouble(), model);
        }
        assertEquals(List.of("step-0.pt", "step-5.pt", "step-40.pt"), models);
        assertTrue(Files.readString(out.resolve(SurveyTables.PAGE)).contains("Checkpoints, steps 0 to 40"));
    }

    @Test
    void anOutputThatIsAFileIsBadInputAndNothingIsWritten(@TempDir Path dir) throws Exception {
        model(dir.resolve("a.safetensors"), 1, 0.02);
        Path out = Files.writeString(dir.resolve("out"), "a file");
        assertThrows(SurveyInputException.class, () -> survey().run(SurveyInputs.of(List.of("a.safetensors"), dir),
                out, SurveyListener.NONE));
        assertEquals("a file", Files.readString(out));
    }
}
