package org.jaynes.formats.tflite;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomly corrupted models (seeded: a failure names its seed and trial) are either refused with a
 * ModelFormatException or read, and then every value of every tensor can be decoded: no other exception
 * escapes the reader or its decoders, whatever bytes the file holds.
 */
class TfliteCorruptionTest {

    private static final long SEED = 0x7f1e_5eedL;
    private static final int TRIALS = 200;

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"float32.tflite", "full_int8.tflite", "sparse_int8.tflite", "block_sparse.tflite"})
    void corruptedBytesAreRefusedOrRead(String name) throws Exception {
        byte[] original = Files.readAllBytes(TfliteFixturesTest.fixture(name));
        SplittableRandom random = new SplittableRandom(SEED ^ name.hashCode());
        Path file = folder.resolve(name);
        for (int trial = 0; trial < TRIALS; trial++) {
            byte[] bytes = original.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(8) == 0) {
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            Files.write(file, bytes);
            try {
                Model model = new TfliteReader().read(file);
                for (Tensor tensor : model.tensors()) {
                    TensorValues.bytes(tensor);
                }
            } catch (ModelFormatException expected) {
                // refused with a message: fine
            } catch (RuntimeException | java.io.IOException e) {
                fail("seed " + SEED + ", " + name + " trial " + trial + ": " + e, e);
            }
        }
    }
}
