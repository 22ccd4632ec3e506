package org.jaynes.formats.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.formats.gguf.GgufReader;
import org.jaynes.formats.keras.KerasReader;
import org.jaynes.formats.numpy.NumpyReader;
import org.jaynes.formats.onnx.OnnxReader;
import org.jaynes.formats.pytorch.PytorchReader;
import org.jaynes.formats.safetensors.SafetensorsReader;
import org.jaynes.formats.testing.Resources;
import org.jaynes.formats.tfjs.TfjsReader;
import org.jaynes.formats.tflite.TfliteReader;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fuzz test per reader, each holding it to {@link ReaderContract}: a model or one
 * {@link org.jaynes.formats.ModelFormatException}, whatever the bytes.
 *
 * <p>{@code mvn verify} runs each over its committed inputs, in
 * {@code src/test/resources/org/jaynes/formats/fuzz/ReaderFuzzTestInputs/<test>/}: small valid files
 * (seeds, copied from the fixtures) and every input a campaign found failing (reproducers, kept when the
 * reader was fixed). {@code tools/fuzz.sh READER MINUTES} runs a campaign ({@code JAZZER_FUZZ=1}), which
 * writes what it finds failing into that folder and its growing corpus under {@code .cifuzz-corpus/}.
 *
 * <p>Formats whose model file names other files (a sharded index, TF.js) are fuzzed in the model file,
 * beside fixture files it can name.
 */
class ReaderFuzzTest {

    @TempDir
    static Path folder;

    @FuzzTest(maxDuration = "10m")
    void safetensors(byte[] input) throws IOException {
        ReaderContract.check(new SafetensorsReader(), folder.resolve("model.safetensors"), input);
    }

    @FuzzTest(maxDuration = "10m")
    void safetensorsIndex(byte[] input) throws IOException {
        Path index = beside("safetensors", "sharded/model-00001-of-00002.safetensors",
                "sharded/model-00002-of-00002.safetensors").resolve("model.safetensors.index.json");
        ReaderContract.check(new SafetensorsReader(), index, input);
    }

    @FuzzTest(maxDuration = "10m")
    void gguf(byte[] input) throws IOException {
        ReaderContract.check(new GgufReader(), folder.resolve("model.gguf"), input);
    }

    @FuzzTest(maxDuration = "10m")
    void onnx(byte[] input) throws IOException {
        Path model = beside("onnx", "external_data.bin").resolve("model.onnx");
        ReaderContract.check(new OnnxReader(), model, input);
    }

    @FuzzTest(maxDuration = "10m")
    void pytorch(byte[] input) throws IOException {
        ReaderContract.check(new PytorchReader(), folder.resolve("model.pt"), input);
    }

    @FuzzTest(maxDuration = "10m")
    void numpy(byte[] input) throws IOException {
        ReaderContract.check(new NumpyReader(), folder.resolve("arrays.npz"), input);
    }

    @FuzzTest(maxDuration = "10m")
    void keras(byte[] input) throws IOException {
        ReaderContract.check(new KerasReader(), folder.resolve("model.h5"), input);
    }

    @FuzzTest(maxDuration = "10m")
    void tflite(byte[] input) throws IOException {
        ReaderContract.check(new TfliteReader(), folder.resolve("model.tflite"), input);
    }

    @FuzzTest(maxDuration = "10m")
    void tfjs(byte[] input) throws IOException {
        Path model = beside("tfjs", "layers/group1-shard1of1.bin").resolve("model.json");
        ReaderContract.check(new TfjsReader(), model, input);
    }

    /** {@link #folder}, holding copies of the named fixtures of {@code format} (by file name). */
    private static Path beside(String format, String... fixtures) throws IOException {
        for (String fixture : fixtures) {
            Path source = Resources.fixture(format, fixture);
            Path copy = folder.resolve(source.getFileName());
            if (!Files.exists(copy)) {
                Files.copy(source, copy);
            }
        }
        return folder;
    }
}
