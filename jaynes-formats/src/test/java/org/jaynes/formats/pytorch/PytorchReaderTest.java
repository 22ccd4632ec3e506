package org.jaynes.formats.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
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
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the checkpoints torch.save wrote and checks every tensor against what torch held. */
class PytorchReaderTest {

    private static final List<String> SHARDS = List.of(
            "sharded/pytorch_model-00001-of-00002.bin", "sharded/pytorch_model-00002-of-00002.bin");

    private final PytorchReader reader = new PytorchReader();

    @TempDir
    Path dir;

    @Test
    void stateDictHoldsTorchsValuesBitForBit() throws Exception {
        Path file = PytorchFixtures.path("mixed.pt");
        Model model = reader.read(file);
        assertEquals(ModelFormat.PYTORCH, model.format());
        assertEquals(file.toString(), model.path());
        PytorchFixtures.assertMatches(PytorchFixtures.expected("mixed.pt"), model.tensors());
    }

    @Test
    void tiedWeightsAndViewsAreRegionsOfTheirStorage() throws Exception {
        Path file = PytorchFixtures.path("mixed.pt");
        PytorchFixtures.assertSharedStorages(file, reader.read(file).tensors(), PytorchFixtures.expected("mixed.pt"));
    }

    @Test
    void namesDropTheWeightSuffixAndRolesFollow() throws Exception {
        Map<String, Tensor> byName = byName(reader.read(PytorchFixtures.path("mixed.pt")));
        Tensor query = byName.get("encoder.layer.0.attention.self.query.weight");
        assertEquals("encoder.layer.0.attention.self.query", query.name());
        assertEquals(Role.ATTENTION_QUERY, query.role());
        Tensor bias = byName.get("encoder.layer.0.attention.self.query.bias");
        assertEquals("encoder.layer.0.attention.self.query.bias", bias.name());
        assertEquals(Role.BIAS, bias.role());
        assertEquals(Role.EMBEDDING, byName.get("embeddings.word_embeddings.weight").role());
        assertEquals(Role.OUTPUT_HEAD, byName.get("lm_head.weight").role());
        assertEquals(Role.NORMALIZATION, byName.get("encoder.layer.0.output.LayerNorm.weight").role());
        assertEquals(Role.CONVOLUTION, byName.get("conv1.weight").role());
        assertEquals(0, byName.get("logit_scale").shape().rank());
    }

    @Test
    void trainingCheckpointReadsOnlyItsStateDict() throws Exception {
        Model model = reader.read(PytorchFixtures.path("checkpoint.pt"));
        assertEquals(List.of("encoder.weight", "encoder.bias", "blocks.0", "blocks.1", "head.weight"),
                model.tensors().stream().map(Tensor::storedName).toList());
        PytorchFixtures.assertMatches(PytorchFixtures.expected("checkpoint.pt"), model.tensors());
    }

    @Test
    void protocol4PickleReadsAlike() throws Exception {
        // FRAME, MEMOIZE, STACK_GLOBAL and SHORT_BINUNICODE instead of protocol 2's opcodes
        Model model = reader.read(PytorchFixtures.path("protocol4.pt"));
        PytorchFixtures.assertMatches(PytorchFixtures.expected("protocol4.pt"), model.tensors());
    }

    @Test
    void aBareTensorIsNamedAfterItsFile() throws Exception {
        Model model = reader.read(PytorchFixtures.path("single.pt"));
        PytorchFixtures.assertMatches(PytorchFixtures.expected("single.pt"), model.tensors());
    }

    @Test
    void indexFileReadsEveryShardInOrder() throws Exception {
        Model model = reader.read(PytorchFixtures.path("sharded/pytorch_model.bin.index.json"));
        PytorchFixtures.assertMatches(expectedShards(), model.tensors());
        assertEquals(expectedShards().stream().map(PytorchFixtures.Expected::name).toList(),
                model.tensors().stream().map(Tensor::storedName).toList());
        assertEquals(List.of(Path.of("pytorch_model-00001-of-00002.bin"), Path.of("pytorch_model-00002-of-00002.bin")),
                model.tensors().stream().map(t -> ((FileRegion) t.data()).file().getFileName()).distinct().toList());
    }

    @Test
    void folderReadsLikeItsIndex() throws Exception {
        assertEquals(reader.read(PytorchFixtures.path("sharded/pytorch_model.bin.index.json")).tensors(),
                reader.read(PytorchFixtures.path("sharded")).tensors());
    }

    @Test
    void folderWithoutIndexReadsItsOneCheckpoint() throws Exception {
        Files.copy(PytorchFixtures.path("mixed.pt"), dir.resolve("model.pth"));
        Files.writeString(dir.resolve("config.json"), "{}");
        PytorchFixtures.assertMatches(PytorchFixtures.expected("mixed.pt"), reader.read(dir).tensors());
    }

    @Test
    void folderPrefersPytorchModelBin() throws Exception {
        Files.copy(PytorchFixtures.path("mixed.pt"), dir.resolve("pytorch_model.bin"));
        Files.copy(PytorchFixtures.path("malicious.pt"), dir.resolve("training_args.bin"));
        PytorchFixtures.assertMatches(PytorchFixtures.expected("mixed.pt"), reader.read(dir).tensors());
    }

    @Test
    void folderWithSeveralCheckpointsAndNoIndexIsRefused() throws Exception {
        Files.copy(PytorchFixtures.path("mixed.pt"), dir.resolve("a.pt"));
        Files.copy(PytorchFixtures.path("single.pt"), dir.resolve("b.pt"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> reader.read(dir));
        assertEquals(dir + ": this folder holds 2 PyTorch files (a.pt, b.pt, ...) and no index; name the one to analyse",
                e.getMessage());
    }

    @Test
    void deflatedPickleIsInflated() throws Exception {
        Path file = CheckpointZip.copyOf(PytorchFixtures.path("mixed.pt")).deflate("mixed/data.pkl")
                .write(dir.resolve("mixed.pt"));
        PytorchFixtures.assertMatches(PytorchFixtures.expected("mixed.pt"), reader.read(file).tensors());
    }

    @Test
    void checkpointWithoutByteorderEntryIsLittleEndian() throws Exception {
        Path file = CheckpointZip.copyOf(PytorchFixtures.path("mixed.pt")).remove("mixed/byteorder")
                .write(dir.resolve("old.pt"));
        PytorchFixtures.assertMatches(PytorchFixtures.expected("mixed.pt"), reader.read(file).tensors());
    }

    @Test
    void recognizesCheckpointsByContent() throws IOException {
        for (String fixture : List.of("mixed.pt", "legacy.pt", SHARDS.get(0))) {
            Path renamed = Files.copy(PytorchFixtures.path(fixture), dir.resolve("weights.data"));
            assertTrue(reader.recognizes(renamed, Resources.head(renamed)), fixture);
            Files.delete(renamed);
        }
    }

    @Test
    void recognizesTheFileNames() {
        ByteBuffer empty = ByteBuffer.allocate(0);
        assertTrue(reader.recognizes(Path.of("x/model.pt"), empty));
        assertTrue(reader.recognizes(Path.of("x/model.PTH"), empty));
        assertTrue(reader.recognizes(Path.of("x/pytorch_model.bin.index.json"), empty));
        assertFalse(reader.recognizes(Path.of("x/group1-shard1of1.bin"), empty), "a bare .bin may be TF.js weights");
        assertFalse(reader.recognizes(Path.of("x/model.safetensors.index.json"), empty));
    }

    @Test
    void doesNotRecognizeOtherZipsOrFiles() throws IOException {
        Path npz = new CheckpointZip().put("w.npy", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})
                .write(dir.resolve("arrays.npz"));
        assertFalse(reader.recognizes(npz, Resources.head(npz)));
        Path json = Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 384}");
        assertFalse(reader.recognizes(json, Resources.head(json)));
    }

    private static Map<String, Tensor> byName(Model model) {
        return model.tensors().stream().collect(Collectors.toMap(Tensor::storedName, Function.identity()));
    }

    private static List<PytorchFixtures.Expected> expectedShards() {
        List<PytorchFixtures.Expected> all = new ArrayList<>();
        for (String shard : SHARDS) {
            all.addAll(PytorchFixtures.expected(shard));
        }
        return all;
    }
}
