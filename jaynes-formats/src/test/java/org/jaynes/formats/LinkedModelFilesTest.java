package org.jaynes.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.Resources;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reader whose model file names other files (ONNX external data, safetensors and PyTorch sharded
 * indexes, TF.js shards), laid out as the Hugging Face cache lays out a download: a snapshot folder of
 * relative links into {@code ../../blobs/}. It reads as the fixture itself does; and when one of the files
 * named is instead a link to a planted file in another folder, it is refused in one line naming the link
 * and where it leads, before a byte of the planted file is read.
 */
class LinkedModelFilesTest {

    @TempDir
    Path cache;

    @TempDir
    Path elsewhere;

    /**
     * Copies a fixture folder's files into {@code blobs/} under hash-like names and links each from the
     * snapshot folder by its own name, as {@code huggingface_hub} does.
     *
     * @return the snapshot folder
     */
    private Path snapshotOf(Path fixtureFolder, List<String> files) throws Exception {
        Path repo = cache.resolve("hub/models--org--model");
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Path snapshot = Files.createDirectories(repo.resolve("snapshots/5f1c0ffee"));
        for (int i = 0; i < files.size(); i++) {
            String blob = String.format("%064x", 0xb10b0000L + i);
            Files.copy(fixtureFolder.resolve(files.get(i)), blobs.resolve(blob));
            Files.createSymbolicLink(snapshot.resolve(files.get(i)), Path.of("../../blobs/" + blob));
        }
        return snapshot;
    }

    /** Per format: the fixture folder, the model file, every file of the model, and one file it refers to. */
    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("onnx", "external_data.onnx", "external_data.onnx, external_data.bin",
                        "external_data.bin"),
                Arguments.of("safetensors/sharded", "model.safetensors.index.json", "model.safetensors.index.json, "
                        + "model-00001-of-00002.safetensors, model-00002-of-00002.safetensors",
                        "model-00002-of-00002.safetensors"),
                Arguments.of("pytorch/sharded", "pytorch_model.bin.index.json", "pytorch_model.bin.index.json, "
                        + "pytorch_model-00001-of-00002.bin, pytorch_model-00002-of-00002.bin",
                        "pytorch_model-00002-of-00002.bin"),
                Arguments.of("tfjs/graph", "model.json", "model.json, group1-shard1of3.bin, group1-shard2of3.bin, "
                        + "group1-shard3of3.bin, group2-shard1of1.bin", "group1-shard3of3.bin"));
    }

    private static void assertSameTensors(Model expected, Model actual) throws Exception {
        assertEquals(expected.tensors().size(), actual.tensors().size());
        for (int i = 0; i < expected.tensors().size(); i++) {
            Tensor want = expected.tensors().get(i);
            Tensor got = actual.tensors().get(i);
            assertEquals(want.storedName(), got.storedName());
            assertEquals(want.shape(), got.shape());
            assertEquals(want.dtype(), got.dtype());
            assertArrayEquals(TensorValues.bytes(want), TensorValues.bytes(got), want.storedName());
        }
    }

    @ParameterizedTest(name = "{0}: {1} through a snapshot of links")
    @MethodSource("layouts")
    void aHuggingFaceSnapshotReadsAsTheFilesDo(String fixture, String model, String files, String referenced)
            throws Exception {
        Path fixtureFolder = Resources.resource(fixture);
        Path snapshot = snapshotOf(fixtureFolder, List.of(files.split(",\\s*")));
        Model expected = ModelOpener.standard().open(fixtureFolder.resolve(model));
        assertSameTensors(expected, ModelOpener.standard().open(snapshot.resolve(model)));
        if (!model.endsWith(".onnx")) {
            assertSameTensors(expected, ModelOpener.standard().open(snapshot));
        }
    }

    @ParameterizedTest(name = "{0}: {3} linked outside")
    @MethodSource("layouts")
    void aReferencedFileLinkedOutOfTheCacheIsRefused(String fixture, String model, String files, String referenced)
            throws Exception {
        Path fixtureFolder = Resources.resource(fixture);
        Path snapshot = snapshotOf(fixtureFolder, List.of(files.split(",\\s*")));
        Path planted = Files.copy(fixtureFolder.resolve(referenced), elsewhere.resolve("planted.bin"));
        Path link = snapshot.resolve(referenced);
        Files.delete(link);
        Files.createSymbolicLink(link, planted);
        Path modelFile = snapshot.resolve(model);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelOpener.standard().open(modelFile));
        Path blobs = cache.resolve("hub/models--org--model/blobs").toRealPath();
        assertTrue(e.reason().endsWith(": " + link + " leads to " + planted.toRealPath() + ", outside " + blobs),
                e.getMessage());
        assertTrue(e.getMessage().startsWith(modelFile + ": at byte "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @ParameterizedTest(name = "{0}: {3} linked outside a plain folder")
    @CsvSource(delimiter = ';', value = {
        "onnx; external_data.onnx; external_data.onnx, external_data.bin; external_data.bin",
        "safetensors/sharded; model.safetensors.index.json; model.safetensors.index.json, "
                + "model-00001-of-00002.safetensors, model-00002-of-00002.safetensors; "
                + "model-00001-of-00002.safetensors",
        "pytorch/sharded; pytorch_model.bin.index.json; pytorch_model.bin.index.json, "
                + "pytorch_model-00001-of-00002.bin, pytorch_model-00002-of-00002.bin; pytorch_model-00001-of-00002.bin",
        "tfjs/graph; model.json; model.json, group1-shard1of3.bin, group1-shard2of3.bin, group1-shard3of3.bin, "
                + "group2-shard1of1.bin; group2-shard1of1.bin"})
    void aReferencedFileLinkedOutOfAPlainFolderIsRefused(String fixture, String model, String files,
                                                         String referenced) throws Exception {
        Path fixtureFolder = Resources.resource(fixture);
        Path folder = Files.createDirectories(cache.resolve("plain"));
        for (String file : files.split(",\\s*")) {
            if (!file.equals(referenced)) {
                Files.copy(fixtureFolder.resolve(file), folder.resolve(file));
            }
        }
        Path planted = Files.copy(fixtureFolder.resolve(referenced), elsewhere.resolve("planted.bin"));
        Path link = Files.createSymbolicLink(folder.resolve(referenced), planted);
        Path modelFile = folder.resolve(model);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelOpener.standard().open(modelFile));
        assertTrue(e.reason().endsWith(": " + link + " leads to " + planted.toRealPath() + ", outside "
                + folder.toRealPath()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
