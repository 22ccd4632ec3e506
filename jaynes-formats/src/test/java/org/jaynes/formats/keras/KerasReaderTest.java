package org.jaynes.formats.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fixture written by Keras 3 and h5py (tools/make_keras_fixtures.py) reads back as the tensors
 * the reference libraries saved: names, roles, dtypes, shapes, in order, with the same values.
 */
class KerasReaderTest {

    /**
     * Sums are compared with math.fsum's correctly rounded sum: an in-order double sum of n values is
     * within (n − 1)·u·Σ|x| of it (u = 2^-53), far below this for the fixtures' few thousand values.
     */
    private static final double SUM_TOLERANCE = 1e-12;

    @ParameterizedTest
    @ValueSource(strings = {"functional.keras", "functional.h5", "functional.weights.h5", "keras2_weights.h5",
            "h5py_types.h5", "userblock.h5", "layout_v4.h5"})
    void readsWhatTheReferenceLibraryWrote(String fileName) throws Exception {
        Model model = new KerasReader().read(KerasFixtures.file(fileName));
        List<KerasFixtures.Expected> expected = KerasFixtures.expected(fileName);
        assertEquals(ModelFormat.KERAS, model.format());
        assertEquals(expected.stream().map(KerasFixtures.Expected::storedName).toList(),
                model.tensors().stream().map(Tensor::storedName).toList(), "tensors and their order");
        for (int i = 0; i < expected.size(); i++) {
            KerasFixtures.Expected e = expected.get(i);
            Tensor t = model.tensors().get(i);
            String what = fileName + " " + e.storedName();
            assertEquals(e.name(), t.name(), what);
            assertEquals(e.role(), t.role().label(), what);
            assertEquals(e.dtype(), t.dtype().label(), what);
            assertEquals(e.shape(), t.shape().asList(), what);
            assertEquals(e.count(), t.elementCount(), what);
            double[] values = TensorValues.of(t);
            double sum = 0;
            double magnitude = 0;
            for (double v : values) {
                sum += v;
                magnitude += Math.abs(v);
            }
            assertEquals(e.sum(), sum, SUM_TOLERANCE * Math.max(1, magnitude), what);
            for (int j = 0; j < e.first().length; j++) {
                assertEquals(e.first()[j], values[j], 0.0, what + " element " + j);
            }
            if (e.values() != null) {
                assertArrayEquals(e.values(), values, 0.0, what);
            }
        }
    }

    @Test
    void keepsKerasWeightsInTheFileEvenInsideTheArchive() throws Exception {
        Path archive = KerasFixtures.file("functional.keras");
        for (Tensor t : new KerasReader().read(archive).tensors()) {
            FileRegion region = assertInstanceOf(FileRegion.class, t.data(), t.storedName());
            assertEquals(archive, region.file(), "read in place from the stored zip entry");
        }
    }

    @Test
    void leavesOutOptimizerStateAndNonNumericDatasets() throws Exception {
        for (String file : List.of("functional.keras", "functional.h5", "functional.weights.h5", "h5py_types.h5")) {
            List<String> stored = new KerasReader().read(KerasFixtures.file(file)).tensors().stream()
                    .map(Tensor::storedName).toList();
            assertTrue(stored.stream().noneMatch(s -> s.startsWith("optimizer")), file + ": " + stored);
            assertTrue(stored.stream().noneMatch(s -> List.of("names", "records", "flags").contains(s)), file);
        }
    }

    @Test
    void decodesChunkedAndBigEndianDataInAnyWindows() throws Exception {
        Random random = new Random(20240612);
        for (String file : List.of("h5py_types.h5", "layout_v4.h5", "userblock.h5")) {
            for (Tensor t : new KerasReader().read(KerasFixtures.file(file)).tensors()) {
                if (!(t.data() instanceof DecodedBytes)) {
                    continue;
                }
                ByteSource data = t.data();
                byte[] whole = bytes(data, 0, (int) data.length());
                for (int trial = 0; trial < 200; trial++) {
                    int offset = random.nextInt((int) data.length());
                    int length = random.nextInt((int) data.length() - offset + 1);
                    byte[] window = bytes(data, offset, length);
                    byte[] expected = java.util.Arrays.copyOfRange(whole, offset, offset + length);
                    assertArrayEquals(expected, window, file + " " + t.storedName() + " [" + offset + ", +"
                            + length + ") (seed 20240612, trial " + trial + ")");
                }
            }
        }
    }

    private static byte[] bytes(ByteSource data, long offset, int length) throws IOException {
        ByteBuffer window = data.window(offset, length);
        byte[] bytes = new byte[length];
        window.get(bytes);
        return bytes;
    }

    @Test
    void recognisesHdf5AndKerasArchivesByContentAndName() throws Exception {
        KerasReader reader = new KerasReader();
        for (String file : List.of("functional.keras", "functional.h5", "h5py_types.h5")) {
            Path path = KerasFixtures.file(file);
            assertTrue(reader.recognizes(Path.of("unnamed"), head(path)), file + " by content");
        }
        ByteBuffer text = ByteBuffer.wrap("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(reader.recognizes(Path.of("userblock.h5"), text), "by name, as a user block hides the signature");
        assertTrue(reader.recognizes(Path.of("m.KERAS"), text));
        assertFalse(reader.recognizes(Path.of("model.onnx"), text));
        assertFalse(reader.recognizes(Path.of("weights.npz"), head(KerasFixtures.file("functional.keras")).limit(20)));
    }

    private static ByteBuffer head(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return ByteBuffer.wrap(java.util.Arrays.copyOf(bytes, Math.min(64, bytes.length)));
    }

    @Test
    void namesClashingWeightsByTheirPaths() {
        HdfWalk.Found a = new HdfWalk.Found("model_weights/a/x/kernel:0", null, Optional.of("model_weights/a"),
                Optional.empty(), 0);
        HdfWalk.Found b = new HdfWalk.Found("model_weights/b/x/kernel:0", null, Optional.of("model_weights/b"),
                Optional.empty(), 0);
        assertEquals(List.of("model_weights/a/x/kernel:0", "model_weights/b/x/kernel:0"),
                KerasNames.assign(List.of(a, b)));
    }

    @Test
    void keepsNumberedVariablesOfLayersItDoesNotKnow() {
        assertEquals("multi_head_attention/query/vars/0", KerasNames.base(keras3(
                "layers/multi_head_attention/_query_dense/vars/0", "query", 2)), "a sublayer: its key is an attribute");
        assertEquals("logits/vars/2", KerasNames.base(keras3("layers/dense_3/vars/2", "logits", 3)),
                "a quantized Dense has more variables than kernel and bias");
        assertEquals("bn/vars/1", KerasNames.base(keras3("layers/batch_normalization_2/vars/1", "bn", 3)),
                "batch normalization without scale or center: which variable is which depends on the config");
        assertEquals("bn/beta", KerasNames.base(keras3("layers/batch_normalization_2/vars/1", "bn", 4)));
        assertEquals("dense_7/kernel", KerasNames.base(keras3("layers/dense_7/vars/0", "dense_7", 1)), "no bias");
    }

    private static HdfWalk.Found keras3(String path, String layerName, int variables) {
        return new HdfWalk.Found(path, null, Optional.empty(), Optional.of(layerName), variables);
    }
}
