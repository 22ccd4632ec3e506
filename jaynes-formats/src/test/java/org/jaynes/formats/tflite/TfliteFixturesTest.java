package org.jaynes.formats.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.Goldens;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.TensorValues;
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

    static Stream<Arguments> tensors() throws Exception {
        return Goldens.tensors("/tflite/expected.json");
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
        Goldens.assertTensorMatches(name, named(new TfliteReader().read(fixture(file)), name), JsonTree.object(entry));
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
            TensorValues.assertWindowsAreSlices(tensor, 13, 29);
        }
    }

    static Stream<String> decodedFiles() {
        return Stream.of("full_int8.tflite", "dynamic_int8.tflite", "sparse_f32.tflite", "sparse_int8.tflite",
                "block_sparse.tflite");
    }
}
