package org.jaynes.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.Goldens;
import org.jaynes.formats.testing.Resources;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the files the reference library wrote and checks every tensor against the values it was given. */
class SafetensorsReaderTest {

    private static final List<String> SHARDS = List.of(
            "sharded/model-00001-of-00002.safetensors", "sharded/model-00002-of-00002.safetensors");

    private final SafetensorsReader reader = new SafetensorsReader();

    @TempDir
    Path dir;

    @Test
    void mixedFileHoldsTheReferenceValues() throws Exception {
        Model model = reader.read(Fixtures.path("mixed.safetensors"));
        assertEquals(ModelFormat.SAFETENSORS, model.format());
        assertEquals(Fixtures.path("mixed.safetensors").toString(), model.path());
        assertMatches(Fixtures.expected("mixed.safetensors"), model.tensors());
    }

    @Test
    void tensorsComeInDataOrderAndLieInTheFile() throws Exception {
        Path file = Fixtures.path("mixed.safetensors");
        long previousEnd = 0;
        for (Tensor t : reader.read(file).tensors()) {
            FileRegion region = (FileRegion) t.data();
            assertEquals(file, region.file());
            assertTrue(region.offset() >= previousEnd, t.storedName() + " is out of data order");
            previousEnd = region.offset() + region.length();
        }
        assertEquals(Files.size(file), previousEnd);
    }

    @Test
    void namesDropTheWeightSuffixAndRolesFollow() throws Exception {
        Map<String, Tensor> byName = reader.read(Fixtures.path("mixed.safetensors")).tensors().stream()
                .collect(Collectors.toMap(Tensor::storedName, Function.identity()));
        Tensor query = byName.get("encoder.layer.0.attention.self.query.weight");
        assertEquals("encoder.layer.0.attention.self.query", query.name());
        assertEquals(Role.ATTENTION_QUERY, query.role());
        Tensor bias = byName.get("encoder.layer.0.attention.self.query.bias");
        assertEquals("encoder.layer.0.attention.self.query.bias", bias.name());
        assertEquals(Role.BIAS, bias.role());
        assertEquals(Role.EMBEDDING, byName.get("embeddings.word_embeddings.weight").role());
        assertEquals(0, byName.get("logit_scale").shape().rank());
        assertEquals(3, byName.get("conv1.weight").shape().rank());
    }

    @Test
    void shardedFolderReadsEveryShardInOrder() throws Exception {
        Path folder = Fixtures.path("sharded");
        Model model = reader.read(folder);
        assertEquals(folder.toString(), model.path());
        assertMatches(expectedShards(), model.tensors());
        List<Path> files = model.tensors().stream().map(t -> ((FileRegion) t.data()).file().getFileName())
                .distinct().toList();
        assertEquals(List.of(Path.of("model-00001-of-00002.safetensors"), Path.of("model-00002-of-00002.safetensors")),
                files);
    }

    @Test
    void indexFileReadsLikeItsFolder() throws Exception {
        List<Tensor> fromFolder = reader.read(Fixtures.path("sharded")).tensors();
        List<Tensor> fromIndex = reader.read(Fixtures.path("sharded/model.safetensors.index.json")).tensors();
        assertEquals(fromFolder, fromIndex);
    }

    @Test
    void folderWithoutIndexReadsItsFilesByName() throws Exception {
        Files.copy(Fixtures.path(SHARDS.get(1)), dir.resolve("b.safetensors"));
        Files.copy(Fixtures.path(SHARDS.get(0)), dir.resolve("a.safetensors"));
        Files.writeString(dir.resolve("notes.txt"), "not a model");
        assertMatches(expectedShards(), reader.read(dir).tensors());
    }

    @Test
    void folderWithOneFile() throws Exception {
        Files.copy(Fixtures.path("mixed.safetensors"), dir.resolve("model.safetensors"));
        assertMatches(Fixtures.expected("mixed.safetensors"), reader.read(dir).tensors());
    }

    @Test
    void recognizesTheHeaderWhateverTheName() throws IOException {
        Path file = dir.resolve("weights.bin");
        Files.copy(Fixtures.path("mixed.safetensors"), file);
        assertTrue(reader.recognizes(file, Resources.head(file)));
    }

    @Test
    void recognizesTheFileNames() {
        ByteBuffer empty = ByteBuffer.allocate(0);
        assertTrue(reader.recognizes(Path.of("x/model.safetensors"), empty));
        assertTrue(reader.recognizes(Path.of("x/Model.SafeTensors"), empty));
        assertTrue(reader.recognizes(Path.of("x/model.safetensors.index.json"), empty));
        assertFalse(reader.recognizes(Path.of("x/config.json"), empty));
    }

    @Test
    void doesNotRecognizeOtherFiles() throws IOException {
        Path json = Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 384, \"layers\": 6}");
        assertFalse(reader.recognizes(json, Resources.head(json)));
        Path tiny = Files.write(dir.resolve("tiny.bin"), new byte[] {2, 0, 0, 0, 0, 0, 0, 0});
        assertFalse(reader.recognizes(tiny, Resources.head(tiny)));
        // a plausible length that the file cannot hold
        Path shortFile = Files.write(dir.resolve("short.bin"),
                ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(64).put((byte) '{').array());
        assertFalse(reader.recognizes(shortFile, Resources.head(shortFile)));
        Path onnx = Files.write(dir.resolve("m.onnx"), "\b\u0007\u0012\u0007pytorch".getBytes(StandardCharsets.UTF_8));
        assertFalse(reader.recognizes(onnx, Resources.head(onnx)));
    }

    private static List<Fixtures.Expected> expectedShards() {
        List<Fixtures.Expected> all = new ArrayList<>();
        for (String shard : SHARDS) {
            all.addAll(Fixtures.expected(shard));
        }
        return all;
    }

    /**
     * Each tensor has the dtype, shape, first values and sum the reference library was given. Decoded
     * values must be bit-equal; the sum may differ from Python's correctly rounded {@code math.fsum}
     * by the error of plain double summation, at most n·2⁻⁵³·Σ|x| (n ≤ 512 here, so under 1e-12·Σ|x|).
     */
    private static void assertMatches(List<Fixtures.Expected> expected, List<Tensor> tensors) throws IOException {
        assertEquals(expected.stream().map(Fixtures.Expected::name).sorted().toList(),
                tensors.stream().map(Tensor::storedName).sorted().toList());
        Map<String, Tensor> byName = tensors.stream().collect(Collectors.toMap(Tensor::storedName, Function.identity()));
        for (Fixtures.Expected e : expected) {
            Tensor t = byName.get(e.name());
            assertEquals(e.dtype(), SafetensorsDTypes.name(t.dtype()), e.name());
            assertArrayEquals(e.shape(), t.shape().dims(), e.name());
            Goldens.assertFirstAndSum(e.name(), TensorValues.of(t), e.first(), e.sum());
        }
    }
}
