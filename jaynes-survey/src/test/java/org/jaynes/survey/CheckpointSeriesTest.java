package org.jaynes.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointSeriesTest {

    @ParameterizedTest
    @CsvSource({"step-1000, 1000", "checkpoint-500, 500", "epoch_3.safetensors, 3", "global_step200, 200",
            "iter_40.pt, 40", "model-step_7.bin, 7", "CKPT12, 12", "run3-step-0010, 10"})
    void namesCarryTheirStep(String name, long step) {
        assertEquals(OptionalLong.of(step), CheckpointSeries.step(name));
    }

    @ParameterizedTest
    @CsvSource({"config.json", "README.md", "steps.txt", "model.safetensors", "stepping-5"})
    void otherNamesCarryNone(String name) {
        assertTrue(CheckpointSeries.step(name).isEmpty(), name);
    }

    @Test
    void checkpointsAreOrderedByStepNotByName(@TempDir Path run) throws Exception {
        for (String name : List.of("step-1000", "step-200", "step-30", "README.md")) {
            Files.createDirectory(run.resolve(name));
        }
        List<SurveyInput> series = CheckpointSeries.of(run);
        assertEquals(List.of("step-30", "step-200", "step-1000"), series.stream().map(SurveyInput::id).toList());
        assertEquals(List.of(30L, 200L, 1000L), series.stream().map(i -> i.step().getAsLong()).toList());
    }

    @Test
    void aFolderWithoutStepsIsBadInput(@TempDir Path run) throws IOException {
        Files.createFile(run.resolve("model.safetensors"));
        SurveyInputException e = assertThrows(SurveyInputException.class, () -> CheckpointSeries.of(run));
        assertTrue(e.getMessage().contains("no entry names a step number"), e.getMessage());
    }

    @Test
    void twoEntriesOfOneStepAreBadInput(@TempDir Path run) throws IOException {
        Files.createFile(run.resolve("step-100.safetensors"));
        Files.createFile(run.resolve("step-100.bin"));
        SurveyInputException e = assertThrows(SurveyInputException.class, () -> CheckpointSeries.of(run));
        assertTrue(e.getMessage().contains("are both step 100"), e.getMessage());
    }

    @Test
    void aSeriesNamedByUriIsTheFolderItsEngineLocates(@TempDir Path run) throws Exception {
        for (String name : List.of("checkpoint-20", "checkpoint-3")) {
            Files.createDirectory(run.resolve(name));
        }
        SurveyInputs.Locator engine = uri -> java.util.Optional.of(run);
        assertEquals(List.of(run.resolve("checkpoint-3"), run.resolve("checkpoint-20")),
                CheckpointSeries.of("hdfs://nn/runs/exp1", engine).stream().map(SurveyInput::path).toList());
        assertEquals(List.of(run.resolve("checkpoint-3"), run.resolve("checkpoint-20")),
                CheckpointSeries.of(run.toString(), engine).stream().map(SurveyInput::path).toList());
        SurveyInputException local = assertThrows(SurveyInputException.class,
                () -> CheckpointSeries.of("hdfs://nn/runs/exp1", uri -> java.util.Optional.empty()));
        assertEquals("--checkpoints hdfs://nn/runs/exp1: a URI is read through Hadoop's file systems, on Spark: "
                + "add --spark MASTER", local.getMessage());
    }

    @Test
    void aMissingFolderIsBadInput(@TempDir Path run) {
        assertThrows(SurveyInputException.class, () -> CheckpointSeries.of(run.resolve("absent")));
    }
}
