package org.jaynes.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurveyInputsTest {

    private static void touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
    }

    @Test
    void aGlobMatchesInNameOrderAndOnlyAtItsDepth(@TempDir Path zoo) throws Exception {
        touch(zoo.resolve("b.onnx"));
        touch(zoo.resolve("a.onnx"));
        touch(zoo.resolve("c.safetensors"));
        touch(zoo.resolve("deep/d.onnx"));
        List<SurveyInput> inputs = SurveyInputs.of(List.of("*.onnx"), zoo);
        assertEquals(List.of(zoo.resolve("a.onnx"), zoo.resolve("b.onnx")),
                inputs.stream().map(SurveyInput::path).toList());
        assertEquals(List.of(zoo.resolve("deep/d.onnx")),
                SurveyInputs.of(List.of("**/*.onnx"), zoo).stream().map(SurveyInput::path).toList());
    }

    @Test
    void aListNamesModelsFromItsOwnFolder(@TempDir Path zoo) throws Exception {
        touch(zoo.resolve("models/one.gguf"));
        touch(zoo.resolve("models/two.gguf"));
        Files.writeString(zoo.resolve("models/list.txt"), "# the zoo\n\none.gguf\n  two.gguf  \n");
        List<SurveyInput> inputs = SurveyInputs.of(List.of("@models/list.txt"), zoo);
        assertEquals(List.of(zoo.resolve("models/one.gguf"), zoo.resolve("models/two.gguf")),
                inputs.stream().map(SurveyInput::path).toList());
    }

    @Test
    void modelsSharingANameGetDistinctIds(@TempDir Path zoo) throws Exception {
        touch(zoo.resolve("a/model.safetensors"));
        touch(zoo.resolve("b/model.safetensors"));
        List<SurveyInput> inputs = SurveyInputs.of(List.of("a/model.safetensors", "b/model.safetensors"), zoo);
        assertEquals(List.of("model.safetensors", "model.safetensors-2"), inputs.stream().map(SurveyInput::id).toList());
    }

    @Test
    void idsAreSafeFileNames() {
        assertEquals("a_b_c.onnx", SurveyInputs.fileSafe("a b/c.onnx"));
        assertEquals("_..", SurveyInputs.fileSafe(".."));
        assertEquals("__2J", SurveyInputs.fileSafe("\u001b[2J"));
    }

    @Test
    void whatNamesNothingIsBadInput(@TempDir Path zoo) throws Exception {
        touch(zoo.resolve("a.onnx"));
        assertTrue(assertThrows(SurveyInputException.class, () -> SurveyInputs.of(List.of("*.gguf"), zoo))
                .getMessage().contains("matches no file"));
        assertTrue(assertThrows(SurveyInputException.class, () -> SurveyInputs.of(List.of("absent.onnx"), zoo))
                .getMessage().contains("no such file or folder"));
        assertTrue(assertThrows(SurveyInputException.class, () -> SurveyInputs.of(List.of("@absent.txt"), zoo))
                .getMessage().contains("no such list file"));
    }

    /** URIs of the scheme {@code zoo://} name the files under {@code zoo}, as an engine's file system would. */
    private static SurveyInputs.Locator zooScheme(Path zoo) {
        return uri -> java.util.Optional.of(Path.of(zoo + uri.substring("zoo://".length())));
    }

    @Test
    void aGlobUriMatchesBelowTheFolderItsEngineLocates(@TempDir Path zoo) throws Exception {
        for (String name : List.of("b.onnx", "a.onnx", "c.gguf", "deep/d.onnx")) {
            touch(zoo.resolve("run").resolve(name));
        }
        Files.writeString(zoo.resolve("list.txt"), "zoo:///run/*.gguf\n");
        SurveyInputs.Locator engine = zooScheme(zoo);
        assertEquals(List.of(zoo.resolve("run/a.onnx"), zoo.resolve("run/b.onnx"), zoo.resolve("run/c.gguf")),
                SurveyInputs.of(List.of("zoo:///run/*.onnx", "@list.txt"), zoo, engine).stream()
                        .map(SurveyInput::path).toList());
        assertEquals(List.of(zoo.resolve("run/deep/d.onnx")),
                SurveyInputs.of(List.of("zoo:///run/**/d.*"), zoo, engine).stream().map(SurveyInput::path).toList());
        assertEquals("zoo:///run/*.npz: the pattern matches no file or folder", assertThrows(
                SurveyInputException.class, () -> SurveyInputs.of(List.of("zoo:///run/*.npz"), zoo, engine))
                .getMessage());
        assertEquals("zoo:///none/*.onnx: the pattern matches no file or folder", assertThrows(
                SurveyInputException.class, () -> SurveyInputs.of(List.of("zoo:///none/*.onnx"), zoo, engine))
                .getMessage());
        assertTrue(assertThrows(SurveyInputException.class, () -> SurveyInputs.of(List.of("zoo:///run/*.onnx"),
                zoo)).getMessage().endsWith("on Spark: add --spark MASTER"));
    }

    @Test
    void aListMayNotNameAList(@TempDir Path zoo) throws Exception {
        Files.writeString(zoo.resolve("outer.txt"), "@inner.txt\n");
        Files.writeString(zoo.resolve("inner.txt"), "a.onnx\n");
        assertThrows(SurveyInputException.class, () -> SurveyInputs.of(List.of("@outer.txt"), zoo));
    }
}
