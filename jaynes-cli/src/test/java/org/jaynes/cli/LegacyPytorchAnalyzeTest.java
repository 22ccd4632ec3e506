package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jaynes analyze} of a legacy {@code torch.save} file (the layout before torch 1.6), written by torch
 * with {@code tools/make_legacy_pytorch_fixtures.py}, which also recorded numpy's mu and sigma of ln|w| per
 * tensor; the fixtures come from jaynes-formats' test resources.
 */
class LegacyPytorchAnalyzeTest {

    /**
     * numpy sums the same stored values in float64 pairwise, jaynes exactly in compensated blocks; they agree
     * to about 1e-14, so 1e-9 relative only excludes real mistakes.
     */
    private static final double RELATIVE = 1e-9;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path resource(String name, Path target) throws IOException {
        try (InputStream in = LegacyPytorchAnalyzeTest.class.getResourceAsStream("/pytorch/legacy/" + name)) {
            assertNotNull(in, "missing fixture pytorch/legacy/" + name + ": run tools/make_legacy_pytorch_fixtures.py");
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void muAndSigmaOfEveryLayerAreNumpys() throws IOException {
        Path file = resource("state_dict.pt", dir.resolve("legacy.pt"));
        Map<String, double[]> golden = new HashMap<>();
        try (InputStream in = LegacyPytorchAnalyzeTest.class.getResourceAsStream("/pytorch/legacy/expected.json")) {
            for (JsonNode row : JSON.readTree(in).get("files").get("state_dict.pt")) {
                if (row.has("mu")) {
                    golden.put(row.get("name").asText(), new double[] {row.get("mu").asDouble(), row.get("sigma").asDouble()});
                }
            }
        }
        CliRun run = CliRun.of("analyze", file.toString(), "--min-elements", "16", "--json", "-", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals("pytorch", report.get("model").get("format").asText());
        Set<String> dtypes = new TreeSet<>();
        for (JsonNode layer : report.get("layers")) {
            String tensor = layer.get("tensor").asText();
            double[] expected = golden.get(tensor);
            assertNotNull(expected, tensor);
            assertEquals(expected[0], layer.get("mu").asDouble(), RELATIVE * Math.abs(expected[0]), tensor + " mu");
            assertEquals(expected[1], layer.get("sigma").asDouble(), RELATIVE * expected[1], tensor + " sigma");
            dtypes.add(layer.get("dtype").asText());
        }
        assertEquals(new TreeSet<>(Set.of("bf16", "f16", "f32", "f64")), dtypes);
        assertTrue(report.get("layers").size() >= 6, report.get("layers").toString());
    }

    @Test
    void aTruncatedStorageIsOneLineAndExitCode2() throws IOException {
        byte[] whole = Files.readAllBytes(resource("single.pt", dir.resolve("whole.pt")));
        Path cut = Files.write(dir.resolve("cut.pt"), Arrays.copyOf(whole, whole.length - 7));
        CliRun run = CliRun.of("analyze", cut.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        // the one storage (key 0, zero-padded by the fixture script) of the bare tensor, named after its file
        long countAt = whole.length - 8 - 30 * 4;
        assertEquals("jaynes: " + cut + ": at byte " + countAt + ": storage 00000000000000 of tensor cut: "
                + "30 f32 elements (120 bytes) from byte " + (countAt + 8) + " run past the end of the file at byte " + (whole.length - 7), run.err().strip());
    }
}
