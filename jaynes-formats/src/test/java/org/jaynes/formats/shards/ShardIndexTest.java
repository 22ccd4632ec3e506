package org.jaynes.formats.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one index reader: its mappings, and its bound by the heap. */
class ShardIndexTest {

    private static final String SHARD = "model-00001-of-00002.safetensors";

    @TempDir
    Path dir;

    private static final String HEAD = "{\"metadata\": {\"total_size\": 1}, \"weight_map\": {";
    private static final String KEY = "\"model.layers.%07d.self_attn.q_proj.weight\"";
    private static final String ENTRY = KEY + ": \"" + SHARD + "\"";
    /** Bytes from one entry's key to the next one's: the entry and its ",\n". */
    private static final int STRIDE = String.format(Locale.ROOT, ENTRY, 0).length() + 2;

    /** An index of {@code entries} tensors, all in {@link #SHARD}, written as it streams. */
    private Path index(int entries) throws Exception {
        Path file = dir.resolve("model.safetensors.index.json");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEAD);
            char[] entry = String.format(Locale.ROOT, ENTRY, 0).toCharArray();
            int digits = entry.length - ENTRY.length() + "%07d".length();
            int last = "\"model.layers.".length() + digits - 1;
            for (int i = 0; i < entries; i++) {
                out.write(i == 0 ? "" : ",\n");
                for (int d = 0, n = i; d < digits; d++, n /= 10) {
                    entry[last - d] = (char) ('0' + n % 10);
                }
                out.write(entry);
            }
            out.write("}}");
        }
        return file;
    }

    @Test
    void readsEveryMappingWithItsOffsetAndOneCopyOfEachShardName() throws Exception {
        Path file = index(3);
        ShardIndex index = ShardIndex.read(file);
        assertEquals(3, index.mappings().size());
        ShardIndex.Mapping second = index.mappings().get(1);
        assertEquals("model.layers.0000001.self_attn.q_proj.weight", second.tensor());
        assertEquals(SHARD, second.shard());
        String json = Files.readString(file);
        assertEquals(json.indexOf("\"" + SHARD, json.indexOf("0000001")), second.at());
        assertTrue(index.mappings().get(0).shard() == index.mappings().get(2).shard(), "shard names kept once");
    }

    /** 1.2 million entries, 95 MB: under the budget -Xmx256m gives, refused in one line, not read to the end. */
    @Test
    void anIndexLargerThanTheHeapAllowsIsRefusedInOneLine() throws Exception {
        Path file = index(1_200_000);
        assertTrue(Files.size(file) > 90_000_000L, "size " + Files.size(file));
        long budget = (256L << 20) / 4;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ShardIndex.read(file, budget));
        assertTrue(e.reason().startsWith("weight_map is too large for the heap: after "), e.reason());
        assertTrue(e.reason().contains("it passes its budget of " + budget + " bytes"), e.reason());
        assertFalse(e.getMessage().contains("\n"));
        int read = Integer.parseInt(e.reason().replaceAll(".*after (\\d+) entries.*", "$1"));
        assertTrue(read > 100_000 && read < 1_200_000, "entries read " + read);
        assertEquals(HEAD.length() + (long) read * STRIDE, e.offset(), "the key of the entry over the budget");
    }

    @Test
    void aTensorNamedTwiceIsRefused() throws Exception {
        String json = "{\"weight_map\": {\"a\": \"s.safetensors\", \"a\": \"t.safetensors\"}}";
        Path file = Files.writeString(dir.resolve("i.json"), json);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ShardIndex.read(file));
        assertEquals(json.lastIndexOf("\"a\""), e.offset());
        assertEquals("weight_map names tensor a twice", e.reason());
    }
}
