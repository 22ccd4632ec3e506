package org.jaynes.formats.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of broken TF.js model gives one ModelFormatException naming model.json, the byte offset in
 * it and the problem. Each test writes a model.json (and shards) into a fresh folder.
 */
class TfjsBadInputTest {

    @TempDir
    Path folder;

    /** A manifest of one group with shards {@code paths} and the weight entries given. */
    private static String manifest(String paths, String... weights) {
        return "{\"format\": \"graph-model\", \"weightsManifest\": [{\"paths\": [" + paths + "], \"weights\": ["
                + String.join(", ", weights) + "]}]}";
    }

    private Path write(String json, int... shardSizes) throws Exception {
        Path file = folder.resolve("model.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        for (int i = 0; i < shardSizes.length; i++) {
            Files.write(folder.resolve("shard" + (i + 1) + ".bin"), new byte[shardSizes[i]]);
        }
        return file;
    }

    private ModelFormatException fails(Path file, String reason) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new TfjsReader().read(file));
        assertEquals(reason, e.reason());
        return e;
    }

    private void failsAt(String json, String marker, String reason, int... shardSizes) throws Exception {
        Path file = write(json, shardSizes);
        ModelFormatException e = fails(file, reason);
        long offset = json.getBytes(StandardCharsets.UTF_8).length - json.substring(json.indexOf(marker))
                .getBytes(StandardCharsets.UTF_8).length;
        assertEquals(offset, e.offset(), "offset of " + marker);
        assertEquals(file + ": at byte " + offset + ": " + reason, e.getMessage());
    }

    @Test
    void missingShard() throws Exception {
        String json = manifest("\"shard1.bin\", \"missing.bin\"",
                "{\"name\": \"w\", \"shape\": [2], \"dtype\": \"float32\"}");
        failsAt(json, "\"missing.bin\"",
                "weightsManifest group 0: shard \"missing.bin\" is not a file beside the model's JSON file", 8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.bin", "/etc/passwd", "sub/../../x.bin", "C:\\\\x.bin", "https://host/x.bin",
            ""})
    void shardPathLeavingTheFolder(String path) throws Exception {
        String json = manifest("\"" + path + "\"", "{\"name\": \"w\", \"shape\": [2], \"dtype\": \"float32\"}");
        String shown = path.replace("\\\\", "\\");
        failsAt(json, "\"" + path + "\"", "weightsManifest group 0: shard path \"" + shown
                + "\" is not a relative file path inside the model's folder");
    }

    /**
     * {@code inspect ../seed/model.json}: a model.json named through {@code ..} (absolute, and relative to the
     * working folder) reads its shards, which the check by text once refused as outside the folder.
     */
    @Test
    void modelJsonNamedThroughDotDotReads() throws Exception {
        Path seed = Files.createDirectories(folder.resolve("seed"));
        Files.createDirectories(folder.resolve("work"));
        Path fixture = TfjsFixturesTest.fixture("graph/model.json");
        try (var files = Files.list(fixture.getParent())) {
            for (Path file : files.toList()) {
                Files.copy(file, seed.resolve(file.getFileName()));
            }
        }
        int tensors = new TfjsReader().read(fixture).tensors().size();
        assertEquals(tensors, new TfjsReader().read(folder.resolve("work/../seed/model.json")).tensors().size());
        Path relative = Path.of("").toAbsolutePath().relativize(seed.resolve("model.json"));
        assertTrue(relative.startsWith(".."), relative.toString());
        assertEquals(tensors, new TfjsReader().read(relative).tensors().size());
        assertEquals(tensors, ModelOpener.standard().open(folder.resolve("work/../seed")).tensors().size());
    }

    @Test
    void shardsShorterThanTheManifestNeeds() throws Exception {
        String json = manifest("\"shard1.bin\", \"shard2.bin\"",
                "{\"name\": \"a\", \"shape\": [2], \"dtype\": \"float32\"}",
                "{\"name\": \"b\", \"shape\": [3, 2], \"dtype\": \"float32\"}");
        failsAt(json, "{\"name\": \"b\"", "weight b needs bytes 8 to 32 of weightsManifest group 0, but its shards "
                + "(shard1.bin, shard2.bin) hold 20 bytes", 12, 8);
    }

    @Test
    void absurdShape() throws Exception {
        String json = manifest("\"shard1.bin\"", "{\"name\": \"w\", \"shape\": [1073741824, 1073741824, 4], "
                + "\"dtype\": \"int32\", \"quantization\": {\"dtype\": \"uint8\", \"min\": 0, \"scale\": 1}}");
        failsAt(json, "{\"name\"", "weight w needs bytes 0 to 4611686018427387904 of weightsManifest group 0, but "
                + "its shards (shard1.bin) hold 8 bytes", 8);
    }

    @Test
    void shapeWhoseBytesOverflow() throws Exception {
        String json = manifest("\"shard1.bin\"",
                "{\"name\": \"w\", \"shape\": [1073741824, 1073741824, 4], \"dtype\": \"float32\"}");
        failsAt(json, "{\"name\"", "weight w: float32 [1073741824, 1073741824, 4] needs more than 2^63 bytes", 8);
    }

    @Test
    void shapeWithMoreThan2To63Elements() throws Exception {
        String json = manifest("\"shard1.bin\"",
                "{\"name\": \"w\", \"shape\": [4294967296, 4294967296], \"dtype\": \"float32\"}");
        failsAt(json, "{\"name\"", "weight w: shape [4294967296, 4294967296] has more than 2^63 elements", 8);
    }

    @Test
    void negativeDimension() throws Exception {
        String json = manifest("\"shard1.bin\"", "{\"name\": \"w\", \"shape\": [2, -1], \"dtype\": \"float32\"}");
        failsAt(json, "-1", "weight w: shape dimension 1 is -1, expected a non-negative integer", 8);
    }

    @Test
    void unknownDtypeIsNamed() throws Exception {
        String json = manifest("\"shard1.bin\"", "{\"name\": \"w\", \"shape\": [2], \"dtype\": \"float64\"}");
        failsAt(json, "{\"name\"", "weight w has unknown dtype \"float64\"; accepted: float32, int32, bool, complex64, "
                + "string", 8);
    }

    @Test
    void unknownQuantizationDtypeIsNamed() throws Exception {
        String json = manifest("\"shard1.bin\"", "{\"name\": \"w\", \"shape\": [2], \"dtype\": \"float32\", "
                + "\"quantization\": {\"dtype\": \"int4\", \"min\": 0, \"scale\": 1}}");
        failsAt(json, "{\"name\"", "weight w has unknown quantization dtype \"int4\"; accepted: uint8, uint16, float16",
                8);
    }

    @Test
    void uint8WithoutScale() throws Exception {
        String json = manifest("\"shard1.bin\"", "{\"name\": \"w\", \"shape\": [2], \"dtype\": \"float32\", "
                + "\"quantization\": {\"dtype\": \"uint8\", \"min\": -1}}");
        failsAt(json, "{\"name\"", "weight w is quantized to uint8 but has no \"scale\"", 8);
    }

    @Test
    void float16OfAnInt32Weight() throws Exception {
        String json = manifest("\"shard1.bin\"", "{\"name\": \"w\", \"shape\": [2], \"dtype\": \"int32\", "
                + "\"quantization\": {\"dtype\": \"float16\"}}");
        failsAt(json, "{\"name\"", "weight w of dtype int32 cannot be quantized to float16", 8);
    }

    @Test
    void scaleThatIsNotANumber() throws Exception {
        String json = manifest("\"shard1.bin\"", "{\"name\": \"w\", \"shape\": [2], \"dtype\": \"float32\", "
                + "\"quantization\": {\"dtype\": \"uint8\", \"min\": 0, \"scale\": \"big\"}}");
        failsAt(json, "\"big\"", "weight w: quantization \"scale\" is \"big\", expected a finite number", 8);
    }

    @Test
    void weightWithoutAName() throws Exception {
        String json = manifest("\"shard1.bin\"", "{\"shape\": [2], \"dtype\": \"float32\"}");
        failsAt(json, "{\"shape\"", "weightsManifest group 0 weight 0 has no \"name\"", 8);
    }

    @Test
    void weightsThatAreNotAnArray() throws Exception {
        String json = "{\"weightsManifest\": [{\"paths\": [], \"weights\": {\"w\": 1}}]}";
        failsAt(json, "{\"w\"", "weightsManifest group 0 \"weights\" is a JSON object, expected an array of weights");
    }

    @Test
    void stringLengthPastTheShards() throws Exception {
        String json = manifest("\"shard1.bin\"", "{\"name\": \"s\", \"shape\": [2], \"dtype\": \"string\"}");
        Path file = write(json);
        Files.write(folder.resolve("shard1.bin"), new byte[] {1, 0, 0, 0, 'a', 100, 0, 0, 0, 'b'});
        ModelFormatException e = fails(file, "weight s needs bytes 0 to 109 of weightsManifest group 0, but its shards "
                + "(shard1.bin) hold 10 bytes");
        assertEquals(json.indexOf("{\"name\""), e.offset());
    }

    @Test
    void noManifest() throws Exception {
        fails(write("{\"format\": \"graph-model\", \"modelTopology\": {}}"),
                "no \"weightsManifest\": not a TF.js model.json");
    }

    @Test
    void notAnObject() throws Exception {
        fails(write("\"a string\""), "neither a JSON object (a TF.js model.json) nor an array (a TF.js weights "
                + "manifest)");
    }

    @Test
    void brokenJson() throws Exception {
        Path file = write("{\"weightsManifest\": [{\"paths\": [\"a.bin\"\n");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new TfjsReader().read(file));
        assertTrue(e.reason().startsWith("not valid JSON: "), e.reason());
    }
}
