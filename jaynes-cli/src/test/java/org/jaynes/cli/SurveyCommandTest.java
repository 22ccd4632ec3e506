package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurveyCommandTest {

    private static final Path GOLDEN_F32 = Path.of("src/test/resources/golden/f32.safetensors");

    @Test
    void aSurveyOfReadableModelsExitsZeroAndSaysWhatItDid(@TempDir Path dir) throws Exception {
        Files.copy(GOLDEN_F32, dir.resolve("a.safetensors"));
        Files.copy(GOLDEN_F32, dir.resolve("b.safetensors"));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("survey", dir + "/*.safetensors", "--out", out.toString(), "-q");
        assertEquals(Main.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("2 models: 2 analysed"), run.out());
        assertTrue(Files.isRegularFile(out.resolve("layers.csv")));
        assertTrue(Files.isRegularFile(out.resolve("reports/a.safetensors.json")));

        CliRun again = CliRun.of("survey", dir + "/*.safetensors", "--out", out.toString(), "-q");
        assertTrue(again.out().contains("0 analysed (0.0 MB read), 2 reports reused"), again.out());
        CliRun rebuilt = CliRun.of("survey", "--from-reports", out.toString());
        assertEquals(Main.OK, rebuilt.exitCode(), rebuilt.err());
    }

    @Test
    void populationOptionsSelectFewerRowsAndAReportMadeWithOtherOptionsIsMadeAgain(@TempDir Path dir)
            throws Exception {
        Files.copy(GOLDEN_F32, dir.resolve("a.safetensors"));
        Files.copy(GOLDEN_F32, dir.resolve("b.safetensors"));
        Path out = dir.resolve("out");
        String models = dir + "/*.safetensors";
        CliRun all = CliRun.of("survey", models, "--out", out.toString(), "-q");
        assertTrue(all.out().startsWith("2 models: 2 analysed") && all.out().contains("; 8 layer rows"), all.out());

        // Tensors of 4,096, 4,608, 5,120 and 6,144 values: the last two have at least 5,000, and laplace goes.
        CliRun fewer = CliRun.of("survey", models, "--out", out.toString(), "-q", "--min-elements", "5000",
                "--exclude", "laplace");
        assertEquals(Main.OK, fewer.exitCode(), fewer.err());
        assertTrue(fewer.out().startsWith("2 models: 2 analysed") && fewer.out().contains("; 2 layer rows"),
                fewer.out());
        assertEquals(3, Files.readAllLines(out.resolve("layers.csv")).size());
        JsonNode options = new ObjectMapper().readTree(out.resolve("survey.json").toFile()).get("options");
        assertEquals(5000, options.get("minElements").asLong());
        assertEquals("laplace", options.get("exclude").asText());
        assertEquals(options, new ObjectMapper().readTree(out.resolve("reports/a.safetensors.json").toFile())
                .get("options"));
        String page = Files.readString(out.resolve("survey.html"));
        assertTrue(page.contains("<dt>--min-elements</dt><dd>5000</dd>"), page);
        assertTrue(page.contains("<dt>--exclude</dt><dd>/laplace/</dd>"), page);

        CliRun same = CliRun.of("survey", models, "--out", out.toString(), "-q", "--min-elements", "5000",
                "--exclude", "laplace", "--threads", "1");
        assertTrue(same.out().contains("0 analysed (0.0 MB read), 2 reports reused") && same.out().contains("; 2 "
                + "layer rows"), same.out());
    }

    @Test
    void badPopulationOptionsAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRun zero = CliRun.of("survey", GOLDEN_F32.toString(), "--out", out.toString(), "--min-elements", "0");
        assertEquals(Main.BAD_INPUT, zero.exitCode(), zero.err());
        assertEquals("jaynes: --min-elements must be at least 1, not 0\n", zero.err().replace("\r\n", "\n"));
        assertEquals("", zero.out());
        CliRun regex = CliRun.of("survey", GOLDEN_F32.toString(), "--out", out.toString(), "--include", "(");
        assertEquals(Main.BAD_INPUT, regex.exitCode(), regex.err());
        assertEquals(1, regex.err().lines().count(), regex.err());
        assertFalse(Files.exists(out));

        Files.copy(GOLDEN_F32, dir.resolve("a.safetensors"));
        CliRun.of("survey", dir.resolve("a.safetensors").toString(), "--out", out.toString(), "-q");
        CliRun rebuild = CliRun.of("survey", "--from-reports", out.toString(), "--min-elements", "5000");
        assertEquals(Main.BAD_INPUT, rebuild.exitCode(), rebuild.err());
        assertEquals("jaynes: --from-reports takes no --min-elements: the saved reports keep their options\n",
                rebuild.err().replace("\r\n", "\n"));
    }

    @Test
    void aFailedModelExitsOneWithTheOthersDone(@TempDir Path dir) throws Exception {
        Files.copy(GOLDEN_F32, dir.resolve("a.safetensors"));
        Files.writeString(dir.resolve("b.safetensors"), "garbage");
        CliRun run = CliRun.of("survey", dir + "/*.safetensors", "--out", dir.resolve("out").toString(), "-q");
        assertEquals(Main.FAILURE, run.exitCode());
        assertTrue(run.out().contains("1 analysed") && run.out().contains("1 failed"), run.out());
        assertTrue(run.out().contains("failed: b.safetensors: "), run.out());
    }

    @Test
    void badInputIsOneLineAndExitTwoWithNothingWritten(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("run"));
        Files.writeString(dir.resolve("run/notes.txt"), "no steps here");
        Path out = dir.resolve("out");
        for (String[] args : new String[][] {
                {"survey", dir + "/*.gguf", "--out", out.toString()},
                {"survey", "--checkpoints", dir.resolve("run").toString(), "--out", out.toString()},
                {"survey", dir + "/absent.onnx", "--out", out.toString()},
                {"survey", GOLDEN_F32.toString()},
                {"survey", "--from-reports", dir.toString()}}) {
            CliRun run = CliRun.of(args);
            assertEquals(Main.BAD_INPUT, run.exitCode(), String.join(" ", args));
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("jaynes: "), run.err());
            assertFalse(Files.exists(out), String.join(" ", args));
        }
    }

    @Test
    void sparkWithoutTheSparkModuleOrPropertiesWithoutSparkAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Files.copy(GOLDEN_F32, dir.resolve("a.safetensors"));
        Path out = dir.resolve("out");
        Map<String, String> errors = Map.of(
                "--spark", "jaynes: --spark: the Spark module is not on the class path (build it with mvn -pl "
                        + "jaynes-spark -am package and run ./jaynes, which adds it)\n",
                "--conf", "jaynes: --conf sets a Spark property: it needs --spark MASTER\n");
        Map<String, String> values = Map.of("--spark", "local[2]", "--conf", "spark.executor.memory=4g");
        for (String option : errors.keySet()) {
            CliRun run = CliRun.of("survey", dir.resolve("a.safetensors").toString(), "--out", out.toString(),
                    option, values.get(option));
            assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
            assertEquals(errors.get(option), run.err().replace("\r\n", "\n"));
            assertEquals("", run.out());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void aUriWithoutSparkIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("survey", "hdfs://namenode:8020/zoo/m.safetensors", "--out", dir.resolve("out").toString());
        assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
        assertEquals("jaynes: hdfs://namenode:8020/zoo/m.safetensors: a URI is read through Hadoop's file systems, "
                + "on Spark: add --spark MASTER\n", run.err().replace("\r\n", "\n"));
    }
}
