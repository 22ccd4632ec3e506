package org.jaynes.formats.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest that lists one shard file twice (by the same name, another spelling or a link), or one
 * weight name twice, is refused at the second listing; one listing more weights than the metadata budget
 * allows is refused at the weight that goes over.
 */
class TfjsDuplicatesAndBudgetTest {

    private static final String WEIGHT = "{\"name\": \"%s\", \"shape\": [2], \"dtype\": \"float32\"}";

    @TempDir
    Path folder;

    private Path modelJson(String groups) throws Exception {
        Files.write(folder.resolve("shard1.bin"), new byte[64]);
        return Files.writeString(folder.resolve("model.json"), "{\"weightsManifest\": [" + groups + "]}",
                StandardCharsets.UTF_8);
    }

    private static String group(String paths, String... names) {
        StringBuilder weights = new StringBuilder();
        for (String name : names) {
            weights.append(weights.length() == 0 ? "" : ", ").append(String.format(WEIGHT, name));
        }
        return "{\"paths\": [" + paths + "], \"weights\": [" + weights + "]}";
    }

    /** Asserts that reading {@code file} fails with {@code reason} at the byte of the {@code nth} {@code marker}. */
    private static void refusedAt(Path file, String marker, int nth, String reason) throws Exception {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new TfjsReader().read(file));
        String json = Files.readString(file);
        int index = -1;
        for (int i = 0; i < nth; i++) {
            index = json.indexOf(marker, index + 1);
        }
        assertEquals(file + ": at byte " + index + ": " + reason, e.getMessage());
    }

    @Test
    void theSameShardListedTwiceInAGroupIsRefused() throws Exception {
        Path file = modelJson(group("\"shard1.bin\", \"shard1.bin\"", "a"));
        refusedAt(file, "\"shard1.bin\"", 2, "weightsManifest group 0: shard \"shard1.bin\" is the file already "
                + "listed as \"shard1.bin\"; each shard holds its own bytes of the weights");
    }

    @Test
    void aShardListedByAnotherGroupUnderAnotherSpellingIsRefused() throws Exception {
        Path file = modelJson(group("\"shard1.bin\"", "a") + ", " + group("\"./shard1.bin\"", "b"));
        refusedAt(file, "\"./shard1.bin\"", 1, "weightsManifest group 1: shard \"./shard1.bin\" is the file already "
                + "listed as \"shard1.bin\"; each shard holds its own bytes of the weights");
    }

    @Test
    void aLinkToAShardAlreadyListedIsRefused() throws Exception {
        Path file = modelJson(group("\"shard1.bin\", \"again.bin\"", "a"));
        Files.createSymbolicLink(folder.resolve("again.bin"), folder.resolve("shard1.bin"));
        refusedAt(file, "\"again.bin\"", 1, "weightsManifest group 0: shard \"again.bin\" is the file already "
                + "listed as \"shard1.bin\"; each shard holds its own bytes of the weights");
    }

    @Test
    void aShardListedAThousandTimesIsRefusedAtTheSecond() throws Exception {
        String paths = String.join(", ", java.util.Collections.nCopies(1_000, "\"shard1.bin\""));
        Path file = modelJson(group(paths, "a"));
        refusedAt(file, "\"shard1.bin\"", 2, "weightsManifest group 0: shard \"shard1.bin\" is the file already "
                + "listed as \"shard1.bin\"; each shard holds its own bytes of the weights");
    }

    @Test
    void aWeightNameListedTwiceIsRefused() throws Exception {
        Path file = modelJson(group("\"shard1.bin\"", "dense/kernel", "dense/bias", "dense/kernel"));
        String json = Files.readString(file);
        long first = json.indexOf("{\"name\": \"dense/kernel\"");
        refusedAt(file, "{\"name\": \"dense/kernel\"", 2, "weight dense/kernel is listed twice (first at byte "
                + first + "); a model has one value per weight name");
    }

    @Test
    void moreWeightsThanTheBudgetAllowsAreRefusedAtTheWeightThatGoesOver() throws Exception {
        String[] names = new String[100];
        for (int i = 0; i < names.length; i++) {
            names[i] = String.format("w%02d", i);
        }
        Path file = modelJson(group("\"shard1.bin\"", names));
        // a shard path of 10 characters costs 240 + 20 = 260 bytes, a weight named in 3 with one dimension
        // 240 + 6 + 8 = 254: after the path, 4096 - 260 = 3836 bytes hold 15 weights (3810), and the 16th
        // (w15) goes over
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ManifestParser.parse(file, new MetadataBudget(4096)));
        String json = Files.readString(file);
        assertEquals(json.indexOf("{\"name\": \"w15\""), e.offset());
        assertEquals("weight w15 goes over the 4 KiB of heap jaynes gives a model's metadata (a quarter of the "
                + "JVM's heap; a larger -Xmx raises it), after 16 entries", e.reason());
    }
}
