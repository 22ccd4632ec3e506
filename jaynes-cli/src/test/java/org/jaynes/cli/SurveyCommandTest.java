package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void sparkWithoutTheSparkModuleIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Files.copy(GOLDEN_F32, dir.resolve("a.safetensors"));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("survey", dir.resolve("a.safetensors").toString(), "--out", out.toString(),
                "--spark", "local[2]");
        assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
        assertEquals("jaynes: --spark: the Spark module is not on the class path (build it with mvn -pl jaynes-spark "
                + "-am package and run ./jaynes, which adds it)\n", run.err().replace("\r\n", "\n"));
        assertEquals("", run.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void aUriWithoutSparkIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("survey", "hdfs://namenode:8020/zoo/m.safetensors", "--out", dir.resolve("out").toString());
        assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
        assertEquals("jaynes: hdfs://namenode:8020/zoo/m.safetensors: a URI is read through Hadoop's file systems, "
                + "on Spark: add --spark MASTER\n", run.err().replace("\r\n", "\n"));
    }
}
