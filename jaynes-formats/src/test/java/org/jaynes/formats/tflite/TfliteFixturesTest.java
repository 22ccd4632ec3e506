package org.jaynes.formats.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader against models converted by TensorFlow 2.21's TFLiteConverter (tools/make_tflite_fixtures.py),
 * whose constant tensors, as the TFLite interpreter reads them, are in tflite/expected.json. Every value is
 * checked bit for bit through a CRC-32 of its bytes.
 */
class TfliteFixturesTest {

    /** Python sums exactly (math.fsum), Java in order: within this of the sum of |x|. */
    private static final double SUM_TOLERANCE = 1e-12;

    static Stream<Arguments> tensors() throws Exception {
        return JsonTree.array(JsonTree.object(JsonTree.resource("/tflite/expected.json")).get("models")).stream()
                .flatMap(model -> JsonTree.array(JsonTree.object(model).get("tensors")).stream()
                        .map(tensor -> Arguments.of(JsonTree.object(model).get("file"),
                                JsonTree.object(tensor).get("name"), tensor)));
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(TfliteFixturesTest.class.getResource("/tflite/" + name).toURI());
    }

    private static Tensor named(Model model, String name) {
        return model.tensors().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no tensor " + name + " in " + model.path()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tensors")
    void tensorsMatchTheInterpreter(String file, String name, Object entry) throws Exception {
        Map<String, Object> want = JsonTree.object(entry);
        Tensor tensor = named(new TfliteReader().read(fixture(file)), name);
        assertEquals(want.get("dtype"), tensor.dtype().label(), name);
        long[] shape = JsonTree.array(want.get("shape")).stream().mapToLong(d -> ((Double) d).longValue()).toArray();
        assertArrayEquals(shape, tensor.shape().dims(), name);
        assertEquals(((Double) want.get("crc32")).longValue(), TensorBytes.crc32(tensor), name + " bytes");
        double[] values = TensorBytes.values(tensor);
        List<Object> first = JsonTree.array(want.get("first"));
        for (int i = 0; i < first.size(); i++) {
            assertEquals((Double) first.get(i), values[i], 0.0, name + "[" + i + "]");
        }
        double sum = Arrays.stream(values).sum();
        double sumAbs = Arrays.stream(values).map(Math::abs).sum();
        assertEquals((Double) want.get("sum"), sum, SUM_TOLERANCE * sumAbs, name + " sum");
    }

    @Test
    void everyConstantIsListedOnce() throws Exception {
        for (Object entry : JsonTree.array(JsonTree.object(JsonTree.resource("/tflite/expected.json")).get("models"))) {
            Map<String, Object> model = JsonTree.object(entry);
            Model read = new TfliteReader().read(fixture((String) model.get("file")));
            assertEquals(ModelFormat.TFLITE, read.format());
            assertEquals(JsonTree.array(model.get("tensors")).size(), read.tensors().size(), read.path());
        }
    }

    @Test
    void floatWeightsStayInTheFile() throws Exception {
        Path file = fixture("float16.tflite");
        Tensor conv = named(new TfliteReader().read(file), "functional_1/conv_1/convolution");
        FileRegion region = assertInstanceOf(FileRegion.class, conv.data());
        assertEquals(file, region.file());
        assertEquals(DType.F16, conv.dtype());
        assertEquals(Role.CONVOLUTION, conv.role());
    }

    @Test
    void bufferOffsetsPointPastTheFlatbuffer() throws Exception {
        Path file = fixture("buffer_offset.tflite");
        Tensor hidden = named(new TfliteReader().read(file), "functional_1/hidden_1/MatMul");
        FileRegion region = assertInstanceOf(FileRegion.class, hidden.data());
        assertTrue(region.offset() > 0 && region.offset() + region.length() <= file.toFile().length());
        assertEquals(Role.DENSE, hidden.role());
    }

    @Test
    void rolesComeFromTheOperators() throws Exception {
        Model model = new TfliteReader().read(fixture("full_int8.tflite"));
        assertEquals(Role.CONVOLUTION, named(model, "functional_1/depthwise_1/depthwise").role());
        assertEquals(Role.BIAS,
                named(model, "functional_1/conv_1/BiasAdd;functional_1/conv_1/convolution;functional_1/conv_1/Squeeze")
                        .role());
        assertEquals(Role.OUTPUT_HEAD, named(model, "functional_1/head_1/MatMul").role());
        assertEquals(Role.DENSE, named(model, "functional_1/hidden_1/MatMul").role());
        assertInstanceOf(DecodedBytes.class, named(model, "functional_1/hidden_1/MatMul").data());
    }

    /** Decoded tensors give the same bytes whatever windows they are read in, even inside a value. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("decodedFiles")
    void anyWindowIsTheSliceOfTheWhole(String file) throws Exception {
        for (Tensor tensor : new TfliteReader().read(fixture(file)).tensors()) {
            byte[] whole = TensorBytes.of(tensor);
            for (int offset = 0; offset < whole.length; offset += 13) {
                int length = Math.min(whole.length - offset, 1 + offset % 29);
                ByteBuffer window = tensor.data().window(offset, length);
                byte[] piece = new byte[length];
                window.get(piece);
                assertArrayEquals(Arrays.copyOfRange(whole, offset, offset + length), piece,
                        tensor.name() + " at " + offset);
            }
        }
    }

    static Stream<String> decodedFiles() {
        return Stream.of("full_int8.tflite", "dynamic_int8.tflite", "sparse_f32.tflite", "sparse_int8.tflite",
                "block_sparse.tflite");
    }
}
