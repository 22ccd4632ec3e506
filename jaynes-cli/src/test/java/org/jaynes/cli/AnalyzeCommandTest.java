package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void bundledModelGivesTheDocumentedJsonWith39Populations() throws IOException {
        CliRun run = CliRun.of("analyze", "--json", "-", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(Set.of("path", "format", "parameters"), subset(report.get("model"), "path", "format", "parameters"));
        assertEquals("onnx", report.get("model").get("format").asText());
        assertTrue(report.get("options").has("minElements"));
        JsonNode layers = report.get("layers");
        assertEquals(39, layers.size());
        Set<String> layerKeys = Set.of("name", "tensor", "role", "shape", "dtype", "n", "zeros", "nonfinite", "mean",
                "std", "mu", "sigma", "ks");
        for (JsonNode layer : layers) {
            assertEquals(layerKeys, subset(layer, layerKeys.toArray(String[]::new)), layer.toString());
            assertTrue(layer.get("n").asLong() >= 4096);
            assertTrue(layer.get("shape").size() >= 2);
        }
        JsonNode pooled = report.get("pooled");
        assertEquals(Set.of("n", "mu", "sigma", "ks"), subset(pooled, "n", "mu", "sigma", "ks"));
        long total = 0;
        for (JsonNode layer : layers) {
            total += layer.get("n").asLong();
        }
        assertEquals(total, pooled.get("n").asLong());
    }

    @Test
    void bundledModelPrintsATableWithARowPerPopulation() {
        CliRun run = CliRun.of("analyze", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("encoder.layer.0.attention.self.query"), run.out());
        assertTrue(run.out().contains("pooled over 39 populations"), run.out());
        List<String> rows = run.out().lines().filter(l -> l.matches("\\s*\\d+\\s+\\S.*")).toList();
        assertEquals(39, rows.size(), run.out());
    }

    @Test
    void jsonFileIsWrittenAndTheTableStillPrinted() throws IOException {
        Path out = dir.resolve("r.json");
        CliRun run = CliRun.of("analyze", "--quiet", "--json", out.toString(), "--include", "attention");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(out.toFile());
        assertEquals(24, report.get("layers").size());
        assertEquals("attention", report.get("options").get("include").asText());
        assertTrue(run.out().contains("pooled over 24 populations"));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(out), listing.toList(), "no temporary file left behind");
        }
    }

    @Test
    void csvHasARowPerPopulationAndThePooledRow() throws IOException {
        Path csv = dir.resolve("layers.csv");
        CliRun run = CliRun.of("analyze", "--quiet", "--csv", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 39 + 1, lines.size());
        assertTrue(lines.get(1).startsWith("embeddings.word_embeddings,embeddings.word_embeddings.weight,embedding,"),
                lines.get(1));
    }

    @Test
    void twoReportsOnStandardOutputAreAUsageError() {
        CliRun run = CliRun.of("analyze", "--json", "-", "--csv", "-");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: only one report can go to standard output, not --json and --csv"
                + System.lineSeparator(), run.err());
    }

    @Test
    void pngWritesTheUniversalityFiguresAndOnePerLayerPlot() throws IOException {
        Path figures = Files.createDirectory(dir.resolve("figs"));
        CliRun run = CliRun.of("analyze", "--quiet", "--include", "layer\\.0\\.attention\\.self\\.query", "--png",
                figures.toString());
        assertEquals(0, run.exitCode(), run.err());
        try (var listing = Files.list(figures)) {
            List<String> names = listing.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("universality-sigma.png"), names.toString());
            assertTrue(names.contains("001-encoder.layer.0.attention.self.query-histogram.png"), names.toString());
            assertEquals(4 + 3, names.size(), names.toString());
        }
    }

    @Test
    void pngIntoAMissingFolderFailsBeforeAnyWork() {
        Path figures = dir.resolve("no-such-folder");
        CliRun run = CliRun.of("analyze", "--png", figures.toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("jaynes: --png "), run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void missingPathIsOneLineAndExitCode2() {
        Path missing = dir.resolve("nothing.safetensors");
        CliRun run = CliRun.of("analyze", missing.toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: " + missing + ": no such file or folder" + System.lineSeparator(), run.err());
    }

    @Test
    void folderWithoutModelIsOneLineAndExitCode2() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        CliRun run = CliRun.of("analyze", dir.toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("jaynes: " + dir + ": no model file in this folder"), run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void unreadableFileKindIsOneLineAndExitCode2() throws IOException {
        Path file = dir.resolve("weights.bin");
        Files.write(file, new byte[] {1, 2, 3});
        CliRun run = CliRun.of("analyze", file.toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("jaynes: " + file + ": at byte 0: not a model file"), run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void jsonIntoMissingFolderFailsBeforeAnyWork() {
        Path out = dir.resolve("no/such/folder/r.json");
        CliRun run = CliRun.of("analyze", "--json", out.toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("jaynes: " + out + ": folder "), run.err());
        assertTrue(run.err().trim().endsWith("does not exist"), run.err());
    }

    @Test
    void badRegexIsAUsageError() {
        CliRun run = CliRun.of("analyze", "--include", "([a");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("jaynes: Invalid value for option '--include'"), run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void nonPositiveMinElementsIsAUsageError() {
        CliRun run = CliRun.of("analyze", "--min-elements", "0");
        assertEquals(2, run.exitCode());
        assertEquals("jaynes: --min-elements must be at least 1, not 0" + System.lineSeparator(), run.err());
    }

    @Test
    void badModelLeavesAnExistingReportUntouched() throws IOException {
        Path out = dir.resolve("r.json");
        Files.writeString(out, "previous");
        Path broken = dir.resolve("broken.safetensors");
        Files.write(broken, new byte[] {5, 0, 0});
        CliRun run = CliRun.of("analyze", broken.toString(), "--json", out.toString());
        assertEquals(2, run.exitCode());
        assertEquals("previous", Files.readString(out));
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void helpListsExamples() {
        CliRun run = CliRun.of("analyze", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Examples:"));
        assertTrue(run.out().contains("--min-elements"));
    }

    private static Set<String> subset(JsonNode node, String... keys) {
        Set<String> present = new TreeSet<>();
        for (String key : keys) {
            if (node.has(key)) {
                present.add(key);
            }
        }
        return present;
    }
}
