package org.jaynes.survey;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.report.AtomicOutput;
import org.jaynes.report.json.JsonReportWriter;

/**
 * The {@code reports} folder of a survey: each model's full JSON report ({@code ID.json}, what
 * {@code jaynes analyze --json} writes) and beside it the {@link ModelKey} it was made from
 * ({@code ID.key.json}: path, size, time, the options of the analysis and the files it read), written after
 * the report, so that a key on disk always has its complete report.
 */
final class ReportStore {

    /**
     * Reads numbers with Jackson's fast parser, which gives the same double as {@link Double#parseDouble}
     * (both round correctly) at a fraction of its cost in Java 17: the reports' tens of thousands of numbers
     * were a fifth of a survey's closing time.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private static final ObjectReader LAYERS = JSON.readerFor(JsonNode.class).at("/layers");

    private final Path folder;

    ReportStore(Path folder) {
        this.folder = folder;
    }

    Path report(String id) {
        return folder.resolve(id + ".json");
    }

    private Path key(String id) {
        return folder.resolve(id + ".key.json");
    }

    /**
     * Whether the report of {@code id} exists and its saved key still holds ({@link ModelKey#stillHolds}) for
     * {@code model} analysed with {@code options}: checked from the sizes and times of the files the key lists,
     * without opening the model. A key saved without its list of files, by an earlier version, does not hold.
     */
    boolean isCurrent(String id, Path model, AnalysisOptions options) {
        Path keyFile = key(id);
        if (!Files.isRegularFile(keyFile) || !Files.isRegularFile(report(id))) {
            return false;
        }
        try {
            JsonNode saved = JSON.readTree(keyFile.toFile());
            JsonNode files = saved.path("files");
            if (!files.isArray()) {
                return false;
            }
            List<String> names = new ArrayList<>();
            files.forEach(file -> names.add(file.asText()));
            return new ModelKey(saved.path("path").asText(), saved.path("size").asLong(-1),
                    saved.path("modified").asLong(-1), saved.path("options").toString(), names)
                    .stillHolds(model, options);
        } catch (IOException | RuntimeException e) {
            return false; // an unreadable key: the model is analysed again
        }
    }

    /** Saves the report of {@code id} and then its key, each atomically. */
    void save(String id, ModelKey key, AnalysisResult result, String toolVersion) throws IOException {
        Files.createDirectories(folder);
        AtomicOutput.write(report(id), out -> {
            Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            new JsonReportWriter(toolVersion).write(result, text);
            text.flush();
        });
        ObjectNode saved = JSON.createObjectNode().put("path", key.path()).put("size", key.size())
                .put("modified", key.modified());
        saved.set("options", JSON.readTree(key.options()));
        // Written even when empty: a key without the list is one an earlier version saved, and never holds.
        ArrayNode files = saved.putArray("files");
        key.files().forEach(files::add);
        AtomicOutput.write(key(id), out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, saved));
    }

    /**
     * The {@code "layers"} array of the report of {@code id}, if the report is there (a missing node when it
     * has none). Only that array becomes a tree: the parser passes over the rest of the report (the
     * conventions, the set-aside tensors, the pool) without converting its numbers, which were most of a
     * survey's closing time.
     */
    Optional<JsonNode> readLayers(String id) throws IOException {
        Path report = report(id);
        if (!Files.isRegularFile(report)) {
            return Optional.empty();
        }
        JsonNode layers = LAYERS.readValue(report.toFile());
        return Optional.of(layers == null ? MissingNode.getInstance() : layers);
    }
}
