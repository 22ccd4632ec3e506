package org.jaynes.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class ModelOpenerTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "safetensors/mixed.safetensors, SAFETENSORS",
        "onnx/anonymous_names.onnx, ONNX",
        "gguf/types.gguf, GGUF",
        "numpy/f4.npy, NUMPY",
        "numpy/compressed.npz, NUMPY",
        "pytorch/mixed.pt, PYTORCH",
    })
    void recognisesEachFormatByContentWhateverTheName(String resource, ModelFormat format) throws Exception {
        Path renamed = Files.copy(resource(resource), dir.resolve("weights.dat"));
        assertEquals(format, ModelOpener.standard().open(renamed).format());
    }

    @Test
    void aFolderWithOneModelFileOpensThatFile() throws Exception {
        Files.copy(resource("gguf/types.gguf"), dir.resolve("model.gguf"));
        Files.writeString(dir.resolve("README.md"), "not a model");
        Model model = ModelOpener.standard().open(dir);
        assertEquals(ModelFormat.GGUF, model.format());
    }

    @Test
    void shardedFormatsReadTheirFolder() throws Exception {
        Model model = ModelOpener.standard().open(resource("safetensors/sharded"));
        assertEquals(ModelFormat.SAFETENSORS, model.format());
        assertTrue(model.tensors().size() >= 2);
    }

    @Test
    void aFolderWithSeveralModelFilesAsksWhichOne() throws Exception {
        Files.copy(resource("gguf/types.gguf"), dir.resolve("a.gguf"));
        Files.copy(resource("onnx/anonymous_names.onnx"), dir.resolve("b.onnx"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelOpener.standard().open(dir));
        assertEquals(dir + ": this folder holds 2 model files (a.gguf, ...); name the one to analyse", e.getMessage());
    }

    @Test
    void anUnknownFileIsRefusedAtByteZero() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello, world");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelOpener.standard().open(file));
        assertTrue(e.getMessage().startsWith(file + ": at byte 0: not a model file jaynes can read (safetensors, gguf"),
                e.getMessage());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ModelOpenerTest.class.getResource("/" + name).toURI());
    }
}
