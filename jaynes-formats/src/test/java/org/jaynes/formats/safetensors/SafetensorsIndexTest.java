package org.jaynes.formats.safetensors;

import static org.jaynes.formats.safetensors.BrokenFiles.assertRejected;
import static org.jaynes.formats.safetensors.BrokenFiles.safetensors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sharded models and folders that cannot be read: each rejected with the file, byte and reason. */
class SafetensorsIndexTest {

    private static final String SHARD = "model-00001-of-00002.safetensors";
    private static final String TENSOR = "model.layers.0.self_attn.q_proj.weight";

    @TempDir
    Path dir;

    /** An index in {@code dir} over a copy of the first fixture shard. */
    private Path index(String json) throws IOException {
        Files.copy(Fixtures.path("sharded/" + SHARD), dir.resolve(SHARD));
        return Files.writeString(dir.resolve(SafetensorsReader.INDEX_FILE), json);
    }

    private static long at(String json, String token) {
        int index = json.indexOf(token);
        return json.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void folderWithNoModel() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        assertRejected(dir, dir, ModelFormatException.NO_OFFSET,
                "no .safetensors file or model.safetensors.index.json in this folder");
    }

    @Test
    void missingShard() throws IOException {
        String json = "{\"weight_map\": {\"" + TENSOR + "\": \"" + SHARD + "\", \"x.weight\": \"model-00009.safetensors\"}}";
        Path index = index(json);
        assertRejected(dir, index, at(json, "\"model-00009"),
                "weight_map maps tensor x.weight to model-00009.safetensors, which does not exist");
    }

    @Test
    void tensorMissingFromItsShard() throws IOException {
        String json = "{\"metadata\": {\"total_size\": 8}, \"weight_map\": {\"lm_head.weight\": \"" + SHARD + "\"}}";
        Path index = index(json);
        assertRejected(index, index, at(json, "\"" + SHARD),
                "weight_map maps tensor lm_head.weight to " + SHARD + ", which has no such tensor");
    }

    @Test
    void shardOutsideTheFolder() throws IOException {
        String json = "{\"weight_map\": {\"" + TENSOR + "\": \"../" + SHARD + "\"}}";
        Path index = index(json);
        assertRejected(dir, index, at(json, "\"../"),
                "weight_map maps tensor " + TENSOR + " to ../" + SHARD + ", which is not a file in the index's folder");
    }

    @Test
    void brokenShardIsNamedItself() throws IOException {
        String json = "{\"weight_map\": {\"a\": \"broken.safetensors\"}}";
        index(json);
        Path shard = safetensors(dir, "[]      ", 0);
        Files.move(shard, dir.resolve("broken.safetensors"));
        assertRejected(dir, dir.resolve("broken.safetensors"), 8, "header is not a JSON object");
    }

    @Test
    void indexNotJson() throws IOException {
        String json = "{\"weight_map\": {\"a\" \"b\"}}";
        Path index = index(json);
        assertRejected(index, index, at(json, "\"b\""),
                "index is not valid JSON: Unexpected character ('\"' (code 34)): was expecting a colon to separate field name and value");
    }

    @Test
    void indexNotAnObject() throws IOException {
        Path index = index("[\"" + SHARD + "\"]");
        assertRejected(index, index, 0, "index is not a JSON object");
    }

    @Test
    void indexWithoutWeightMap() throws IOException {
        Path index = index("{\"metadata\": {}}");
        assertRejected(index, index, ModelFormatException.NO_OFFSET, "index has no \"weight_map\"");
    }

    @Test
    void weightMapOfTheWrongType() throws IOException {
        String json = "{\"weight_map\": [\"" + SHARD + "\"]}";
        Path index = index(json);
        assertRejected(index, index, at(json, "["), "\"weight_map\" is a JSON array, expected an object");
    }

    @Test
    void shardNameOfTheWrongType() throws IOException {
        String json = "{\"weight_map\": {\"a\": 1}}";
        Path index = index(json);
        assertRejected(index, index, at(json, "1"), "weight_map entry a is a JSON number, expected a shard file name");
    }

    @Test
    void tensorMappedTwice() throws IOException {
        String json = "{\"weight_map\": {\"" + TENSOR + "\": \"" + SHARD + "\", \"" + TENSOR + "\": \"" + SHARD + "\"}}";
        Path index = index(json);
        assertRejected(index, index, json.lastIndexOf("\"" + TENSOR), "weight_map names tensor " + TENSOR + " twice");
    }

    /** The index maps each tensor to one shard; a second copy in another shard would be a second layer. */
    @Test
    void tensorInTwoShards() throws IOException {
        Files.copy(Fixtures.path("sharded/" + SHARD), dir.resolve("a.safetensors"));
        Files.copy(Fixtures.path("sharded/" + SHARD), dir.resolve("b.safetensors"));
        Path index = Files.writeString(dir.resolve(SafetensorsReader.INDEX_FILE), "{\"weight_map\": {\"" + TENSOR
                + "\": \"a.safetensors\", \"model.layers.0.mlp.up_proj.weight\": \"b.safetensors\"}}");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> new SafetensorsReader().read(index));
        assertEquals(dir.resolve("b.safetensors"), e.file());
        assertEquals(ModelFormatException.NO_OFFSET, e.offset());
        assertTrue(e.reason().matches("tensor [^ ]+ is in both a.safetensors and b.safetensors"), e.reason());
    }
}
