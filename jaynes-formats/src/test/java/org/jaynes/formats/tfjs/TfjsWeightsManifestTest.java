package org.jaynes.formats.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A weights manifest alone ({@code @vladmandic/face-api}'s {@code *-weights_manifest.json}: the JSON array
 * that a model.json holds as its {@code weightsManifest}) is recognised by content and read as that
 * model.json would be, under the same checks: shards inside the folder, long enough, nothing after the array.
 */
class TfjsWeightsManifestTest {

    /** A float32 [2, 2] and a uint8-quantized [3] weight, as face-api's manifests list them, in two shards. */
    private static final String GROUPS = "[{\"paths\": [\"m-shard1\", \"m-shard2\"], \"weights\": ["
            + "{\"name\": \"conv/filters\", \"shape\": [2, 2], \"dtype\": \"float32\"}, "
            + "{\"name\": \"conv/bias\", \"shape\": [3], \"dtype\": \"float32\", "
            + "\"quantization\": {\"dtype\": \"uint8\", \"min\": -1.0, \"scale\": 0.5}}]}]";

    @TempDir
    Path folder;

    /** Writes the two shards: 16 bytes of floats, split after byte 10, then the three quantized bytes. */
    private void writeShards() throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putFloat(0.25f).putFloat(-3f).putFloat(1e-3f).putFloat(7f).put((byte) 0).put((byte) 2).put((byte) 5);
        Files.write(folder.resolve("m-shard1"), java.util.Arrays.copyOfRange(bytes.array(), 0, 10));
        Files.write(folder.resolve("m-shard2"), java.util.Arrays.copyOfRange(bytes.array(), 10, 19));
    }

    private static float[] floats(Tensor tensor) throws java.io.IOException {
        ByteBuffer values = ByteBuffer.wrap(TensorValues.bytes(tensor)).order(ByteOrder.LITTLE_ENDIAN);
        float[] all = new float[values.remaining() / 4];
        values.asFloatBuffer().get(all);
        return all;
    }

    @Test
    void aWeightsManifestIsRecognisedAndReadAsTheModelJsonHoldingIt() throws Exception {
        writeShards();
        Path manifest = Files.writeString(folder.resolve("m-weights_manifest.json"), "\n  " + GROUPS,
                StandardCharsets.UTF_8);
        Path modelJson = Files.writeString(folder.resolve("model.json"),
                "{\"format\": \"graph-model\", \"weightsManifest\": " + GROUPS + "}", StandardCharsets.UTF_8);

        Model alone = ModelOpener.standard().open(manifest);
        Model inside = ModelOpener.standard().open(modelJson);
        assertEquals(ModelFormat.TFJS, alone.format());
        assertEquals(List.of("conv/filters", "conv/bias"), alone.tensors().stream().map(Tensor::storedName).toList());
        assertArrayEquals(new float[] {0.25f, -3f, 1e-3f, 7f}, floats(alone.tensors().get(0)));
        assertArrayEquals(new float[] {-1f, 0f, 1.5f}, floats(alone.tensors().get(1)));
        for (int i = 0; i < 2; i++) {
            assertEquals(inside.tensors().get(i).shape(), alone.tensors().get(i).shape());
            assertArrayEquals(TensorValues.bytes(inside.tensors().get(i)), TensorValues.bytes(alone.tensors().get(i)));
        }
    }

    /** What a survey keys a model by: a weight across two shards is read from both, one inside a shard from it. */
    @Test
    void everyWeightNamesTheShardsItIsReadFrom() throws Exception {
        writeShards();
        Path modelJson = Files.writeString(folder.resolve("model.json"),
                "{\"format\": \"graph-model\", \"weightsManifest\": " + GROUPS + "}", StandardCharsets.UTF_8);
        Model model = ModelOpener.standard().open(modelJson);
        assertEquals(List.of(folder.resolve("m-shard1"), folder.resolve("m-shard2")),
                model.tensors().get(0).data().files());
        assertEquals(List.of(folder.resolve("m-shard2")), model.tensors().get(1).data().files());
    }

    @Test
    void aJsonArrayWithoutGroupsIsNoModel() throws Exception {
        Path other = Files.writeString(folder.resolve("list.json"), "[1, 2, 3]", StandardCharsets.UTF_8);
        assertEquals(false, new TfjsReader().recognizes(other, ByteBuffer.wrap(Files.readAllBytes(other))));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new TfjsReader().read(other));
        assertEquals(other + ": at byte 1: weightsManifest group 0 is a JSON number, expected an object",
                e.getMessage());
    }

    @Test
    void aShardPathLeavingTheFolderIsRefusedAtItsByte() throws Exception {
        writeShards();
        String json = GROUPS.replace("\"m-shard2\"", "\"../m-shard2\"");
        Path manifest = Files.writeString(folder.resolve("m-weights_manifest.json"), json, StandardCharsets.UTF_8);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new TfjsReader().read(manifest));
        assertEquals(manifest + ": at byte " + json.indexOf("\"../m-shard2\"") + ": weightsManifest group 0: shard "
                + "path \"../m-shard2\" is not a relative file path inside the model's folder", e.getMessage());
    }

    @Test
    void shardsShorterThanTheManifestSaysAreRefused() throws Exception {
        writeShards();
        Files.write(folder.resolve("m-shard2"), new byte[] {1, 2});
        Path manifest = Files.writeString(folder.resolve("m-weights_manifest.json"), GROUPS, StandardCharsets.UTF_8);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new TfjsReader().read(manifest));
        assertEquals("weight conv/filters needs bytes 0 to 16 of weightsManifest group 0, but its shards "
                + "(m-shard1, m-shard2) hold 12 bytes", e.reason());
        assertEquals(GROUPS.indexOf("{\"name\": \"conv/filters\""), e.offset());
    }

    @Test
    void jsonAfterTheManifestIsRefused() throws Exception {
        writeShards();
        String json = GROUPS + " [{}]";
        Path manifest = Files.writeString(folder.resolve("m-weights_manifest.json"), json, StandardCharsets.UTF_8);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new TfjsReader().read(manifest));
        assertEquals(json.lastIndexOf('['), e.offset());
        assertEquals(ManifestParser.AFTER_MANIFEST, e.reason());
    }
}
