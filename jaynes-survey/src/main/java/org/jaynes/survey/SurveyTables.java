package org.jaynes.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.UniversalityTest;
import org.jaynes.formats.MessageText;
import org.jaynes.report.AtomicOutput;
import org.jaynes.report.csv.CsvReportWriter;
import org.jaynes.report.html.SurveyPage;
import org.jaynes.report.html.SurveyPageInput;

/**
 * The files a survey writes beside its reports, each atomically (a killed run leaves the previous file or
 * none, never half of one):
 * <ul>
 *   <li>{@value #MANIFEST}: the options of the analysis (as a report states them), the models in survey
 *       order, with id, path, step, what became of each and the reason of a failure (what
 *       {@link Survey#rebuild} reads back), and per role the test of whether σ is
 *       the same across models ({@link UniversalityTest});</li>
 *   <li>{@value #LAYERS} and {@value #LAYERS_PARQUET}: one row per layer of every model with a report
 *       ({@link SurveyColumns}), the same rows in both;</li>
 *   <li>{@value #FAILURES}: one row per model that could not be analysed, with its reason;</li>
 *   <li>{@value #PAGE}: the page of all of it ({@code SurveyPage}).</li>
 * </ul>
 */
final class SurveyTables {

    static final String MANIFEST = "survey.json";
    static final String LAYERS = "layers.csv";
    static final String LAYERS_PARQUET = "layers.parquet";
    static final String FAILURES = "failures.csv";
    static final String PAGE = "survey.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SurveyTables() {
    }

    /** Creates {@code out} if it is missing; bad input when it cannot be a survey's folder. */
    static void checkWritable(Path out) throws SurveyInputException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new SurveyInputException(MessageText.format("--out %s: not a folder", out));
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new SurveyInputException(MessageText.format("--out %s: cannot create it: %s", out,
                    MessageText.reason(String.valueOf(e.getMessage()))));
        }
        if (!Files.isWritable(out)) {
            throw new SurveyInputException(MessageText.format("--out %s: not writable", out));
        }
    }

    static SurveyResult write(Path out, List<SurveyOutcome> outcomes, AnalysisOptions options, ReportStore store,
                              String toolVersion) throws IOException {
        long[] rows = {0};
        UniversalityTest universality = new UniversalityTest();
        PageModels page = new PageModels();
        // One pass over the saved reports fills both tables, the page's layers and the universality test.
        AtomicOutput.write(out.resolve(LAYERS), stream -> {
            Writer text = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            csvLine(text, SurveyColumns.ALL.stream().map(SurveyColumns.Column::name).toList());
            AtomicOutput.write(out.resolve(LAYERS_PARQUET), parquet -> {
                try (ParquetTable table = new ParquetTable(parquet, SurveyColumns.ALL, "jaynes " + toolVersion)) {
                    rows[0] = forEachRow(outcomes, store, row -> {
                        csvLine(text, row);
                        table.add(row);
                        SurveyPageInput.Layer layer = page.add(row);
                        universality.add(layer.role(), row.get(0), layer.sigma());
                    });
                }
            });
            text.flush();
        });
        List<UniversalityTest.RoleResult> roles = universality.results();
        List<SurveyPageInput.Failure> failures = outcomes.stream().filter(SurveyOutcome.Failed.class::isInstance)
                .map(o -> new SurveyPageInput.Failure(o.input().id(), o.input().path().toString(),
                        ((SurveyOutcome.Failed) o).reason())).toList();
        boolean series = !outcomes.isEmpty() && outcomes.stream().allMatch(o -> o.input().step().isPresent());
        String title = series ? "Checkpoints, steps " + outcomes.get(0).input().step().getAsLong() + " to "
                + outcomes.get(outcomes.size() - 1).input().step().getAsLong()
                : "Survey of " + outcomes.size() + (outcomes.size() == 1 ? " model" : " models");
        SurveyPageInput pageInput = new SurveyPageInput(title, series, options, page.models(outcomes), failures,
                roles);
        AtomicOutput.write(out.resolve(PAGE), stream -> {
            Writer text = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            SurveyPage.write(pageInput, toolVersion, text);
            text.flush();
        });
        AtomicOutput.write(out.resolve(FAILURES), stream -> {
            Writer text = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            csvLine(text, List.of("model", "path", "reason"));
            for (SurveyOutcome outcome : outcomes) {
                if (outcome instanceof SurveyOutcome.Failed failed) {
                    csvLine(text, List.of(failed.input().id(), failed.input().path().toString(), failed.reason()));
                }
            }
            text.flush();
        });
        AtomicOutput.write(out.resolve(MANIFEST), stream -> JSON.writerWithDefaultPrettyPrinter()
                .writeValue(stream, manifest(outcomes, options, roles, toolVersion)));
        return new SurveyResult(outcomes, rows[0], roles);
    }

    /**
     * The page's layers, gathered row by row, by model; every model analysed is on the page, those
     * without a layer to fit too.
     */
    private static final class PageModels {

        private static final int MODEL = SurveyColumns.index("model");

        private final Map<String, List<SurveyPageInput.Layer>> layers = new HashMap<>();

        SurveyPageInput.Layer add(List<String> row) {
            SurveyPageInput.Layer layer = new SurveyPageInput.Layer(text(row, "name"), text(row, "role"),
                    real(row, "relativeDepth"), real(row, "sigma"), real(row, "normalizedMu"), real(row, "ks"),
                    real(row, "arbitrageGap"), text(row, "best"));
            layers.computeIfAbsent(row.get(MODEL), id -> new ArrayList<>()).add(layer);
            return layer;
        }

        /** The analysed models of {@code outcomes}, in their order, each with its layers. */
        List<SurveyPageInput.Model> models(List<SurveyOutcome> outcomes) {
            return outcomes.stream().filter(o -> !(o instanceof SurveyOutcome.Failed))
                    .map(o -> new SurveyPageInput.Model(o.input().id(), o.input().step(),
                            o.input().path().toString(), layers.getOrDefault(o.input().id(), List.of())))
                    .toList();
        }

        private static String text(List<String> row, String column) {
            return row.get(SurveyColumns.index(column));
        }

        private static double real(List<String> row, String column) {
            String value = text(row, column);
            return value.isEmpty() ? Double.NaN : Double.parseDouble(value);
        }
    }

    /** Takes one row of text values. */
    @FunctionalInterface
    private interface RowSink {
        void add(List<String> row) throws IOException;
    }

    /** Hands every layer row of the models with a report to {@code sink}, in survey order; returns how many. */
    private static long forEachRow(List<SurveyOutcome> outcomes, ReportStore store, RowSink sink) throws IOException {
        long rows = 0;
        for (SurveyOutcome outcome : outcomes) {
            if (outcome instanceof SurveyOutcome.Failed) {
                continue;
            }
            SurveyInput input = outcome.input();
            Optional<JsonNode> layers = store.readLayers(input.id());
            if (layers.isEmpty()) {
                throw new IOException(MessageText.format("%s: the report of %s is missing", store.report(input.id()),
                        input.id()));
            }
            JsonNode layerNodes = layers.get();
            for (int i = 0; i < layerNodes.size(); i++) {
                SurveyColumns.Place place = new SurveyColumns.Place(input.id(), input.step(), input.path().toString(),
                        i, layerNodes.size());
                sink.add(SurveyColumns.textRow(place, layerNodes.get(i)));
            }
            rows += layerNodes.size();
        }
        return rows;
    }

    private static void csvLine(Writer text, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.write(',');
            }
            text.write(CsvReportWriter.quote(fields.get(i)));
        }
        text.write("\r\n");
    }

    private static ObjectNode manifest(List<SurveyOutcome> outcomes, AnalysisOptions options,
                                       List<UniversalityTest.RoleResult> roles, String toolVersion) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("tool", "jaynes " + toolVersion);
        manifest.put("kind", "survey");
        manifest.set("options", SurveyOptions.json(options));
        ArrayNode models = manifest.putArray("models");
        for (SurveyOutcome outcome : outcomes) {
            SurveyInput input = outcome.input();
            ObjectNode model = models.addObject();
            model.put("id", input.id());
            model.put("path", input.path().toString());
            if (input.step().isPresent()) {
                model.put("step", input.step().getAsLong());
            }
            model.put("status", outcome.status());
            if (outcome instanceof SurveyOutcome.Failed failed) {
                model.put("reason", failed.reason());
            } else {
                model.put("report", Survey.REPORTS + "/" + input.id() + ".json");
            }
        }
        ArrayNode universality = manifest.putArray("universality");
        for (UniversalityTest.RoleResult result : roles) {
            ObjectNode test = universality.addObject().put("role", result.role()).put("models", result.models())
                    .put("layers", result.layers());
            number(test, "betweenSpread", result.betweenSpread());
            number(test, "withinSpread", result.withinSpread());
            number(test, "f", result.f());
            number(test, "p", result.p());
            test.put("sentence", result.sentence());
        }
        return manifest;
    }

    /** A number field, or null when the value is not finite (JSON has no NaN). */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    /** What a survey's manifest says: its models, in order, and the options they were analysed with. */
    record Manifest(List<SurveyOutcome> outcomes, AnalysisOptions options) {
    }

    /**
     * The models of the survey in {@code out}, as its manifest lists them (every report taken as reused),
     * and its options; a manifest written before manifests stated them takes those of its first report.
     */
    static Manifest readManifest(Path out) throws SurveyInputException {
        Path file = out.resolve(MANIFEST);
        JsonNode manifest;
        try {
            manifest = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SurveyInputException(MessageText.format("%s: not a survey's manifest: %s", file,
                    MessageText.reason(String.valueOf(e.getMessage()))));
        }
        List<SurveyOutcome> outcomes = new ArrayList<>();
        for (JsonNode model : manifest.path("models")) {
            String id = model.path("id").asText();
            if (!id.equals(SurveyInputs.fileSafe(id))) {
                throw new SurveyInputException(MessageText.format("%s: model id %s is not a plain file name", file, id));
            }
            SurveyInput input = new SurveyInput(Path.of(model.path("path").asText()), id,
                    model.has("step") ? OptionalLong.of(model.path("step").asLong()) : OptionalLong.empty());
            outcomes.add("failed".equals(model.path("status").asText())
                    ? new SurveyOutcome.Failed(input, model.path("reason").asText())
                    : new SurveyOutcome.Reused(input));
        }
        return new Manifest(outcomes, options(file, manifest.path("options"), outcomes, out));
    }

    private static AnalysisOptions options(Path file, JsonNode stated, List<SurveyOutcome> outcomes, Path out)
            throws SurveyInputException {
        JsonNode options = stated;
        Path source = file;
        Optional<SurveyOutcome> reported = outcomes.stream().filter(o -> !(o instanceof SurveyOutcome.Failed))
                .findFirst();
        if (stated.isMissingNode() && reported.isPresent()) {
            source = new ReportStore(out.resolve(Survey.REPORTS)).report(reported.get().input().id());
            try {
                options = JSON.readTree(source.toFile()).path("options");
            } catch (IOException e) {
                throw new SurveyInputException(MessageText.format("%s: not a report: %s", source,
                        MessageText.reason(String.valueOf(e.getMessage()))));
            }
        }
        if (options.isMissingNode()) {
            return AnalysisOptions.DEFAULTS; // no model has a report: no number depends on them
        }
        try {
            return SurveyOptions.read(options);
        } catch (IllegalArgumentException e) {
            throw new SurveyInputException(MessageText.format("%s: options: %s", source,
                    MessageText.reason(String.valueOf(e.getMessage()))));
        }
    }
}
