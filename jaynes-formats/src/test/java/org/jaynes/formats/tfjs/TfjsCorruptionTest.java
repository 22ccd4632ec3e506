package org.jaynes.formats.tfjs;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomly corrupted model.json files and truncated shards (seeded: a failure names its seed and trial)
 * are either refused with a ModelFormatException or read, and then every value of every weight can be
 * decoded: no other exception escapes the reader or its decoders.
 */
class TfjsCorruptionTest {

    private static final long SEED = 0x7f15_5eedL;
    private static final int TRIALS = 200;

    @TempDir
    Path folder;

    @Test
    void corruptedManifestsAndShardsAreRefusedOrRead() throws Exception {
        Path source = TfjsFixturesTest.fixture("graph/model.json").getParent();
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        byte[] json = Files.readAllBytes(source.resolve("model.json"));
        byte[] shard = Files.readAllBytes(source.resolve("group1-shard2of3.bin"));
        SplittableRandom random = new SplittableRandom(SEED);
        for (int trial = 0; trial < TRIALS; trial++) {
            byte[] corrupted = json.clone();
            for (int f = 0; f < 1 + random.nextInt(3); f++) {
                corrupted[random.nextInt(corrupted.length)] = (byte) " {}[],:\"0123456789-e.x".charAt(random.nextInt(22));
            }
            Files.write(folder.resolve("model.json"), corrupted);
            Files.write(folder.resolve("group1-shard2of3.bin"),
                    random.nextInt(4) == 0 ? Arrays.copyOf(shard, random.nextInt(shard.length)) : shard);
            try {
                Model model = new TfjsReader().read(folder);
                for (Tensor tensor : model.tensors()) {
                    TensorValues.bytes(tensor);
                }
            } catch (ModelFormatException expected) {
                // refused with a message: fine
            } catch (RuntimeException | IOException e) {
                fail("seed " + SEED + ", trial " + trial + ": " + e, e);
            }
        }
    }
}
