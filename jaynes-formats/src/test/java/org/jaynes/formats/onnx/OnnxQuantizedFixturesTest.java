package org.jaynes.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.Goldens;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quantized weights in models written by the reference onnx library (tools/make_onnx_quant_fixtures.py,
 * expected tensors in onnx/quant_fixtures.json): DequantizeLinear per tensor and per axis, QLinearMatMul,
 * QLinearConv, MatMulInteger and ConvInteger with onnxruntime's rescaling, a Gather before the
 * DequantizeLinear. Each weight comes as its integers and, after them, its dequantized float32 values,
 * which must equal onnx's reference DequantizeLinear bit for bit.
 */
class OnnxQuantizedFixturesTest {

    static Stream<Arguments> models() throws Exception {
        return Goldens.models("/onnx/quant_fixtures.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void tensorsMatchTheReferenceLibrary(String fileName, Object entry) throws Exception {
        Model model = new OnnxReader().read(OnnxFixturesTest.fixture(fileName));
        List<Object> tensors = JsonTree.array(JsonTree.object(entry).get("tensors"));
        assertEquals(tensors.stream().map(t -> JsonTree.object(t).get("storedName")).toList(),
                model.tensors().stream().map(Tensor::storedName).toList(), "tensors and their order in " + fileName);
        for (int i = 0; i < tensors.size(); i++) {
            Map<String, Object> want = JsonTree.object(tensors.get(i));
            Tensor tensor = model.tensors().get(i);
            String what = fileName + " " + tensor.storedName();
            assertEquals(want.get("name"), tensor.name(), what);
            assertEquals(want.get("role"), tensor.role().label(), what);
            assertEquals(want.get("dtype"), tensor.dtype().label(), what);
            assertEquals(JsonTree.array(want.get("shape")).stream().map(d -> ((Double) d).longValue()).toList(),
                    tensor.shape().asList(), what);
            Goldens.assertFirstValuesAndSum(what, TensorValues.of(tensor), want);
        }
    }

    @Test
    void integersStayInTheFileAndValuesAreDecodedWindowByWindow() throws Exception {
        Path file = OnnxFixturesTest.fixture("quant_qdq.onnx");
        Model model = new OnnxReader().read(file);
        Tensor integers = named(model, "conv.quantized");
        Tensor values = named(model, "conv");
        assertEquals(file, assertInstanceOf(FileRegion.class, integers.data()).file());
        DecodedBytes decoded = assertInstanceOf(DecodedBytes.class, values.data());
        byte[] whole = bytes(decoded, 0, (int) decoded.length());
        Random random = new Random(20240613);
        for (int trial = 0; trial < 300; trial++) {
            int offset = random.nextInt((int) decoded.length());
            int length = random.nextInt((int) decoded.length() - offset + 1);
            assertEquals(ByteBuffer.wrap(whole, offset, length), ByteBuffer.wrap(bytes(decoded, offset, length)),
                    "window [" + offset + ", +" + length + ") (seed 20240613, trial " + trial + ")");
        }
    }

    @Test
    void blockedQuantizationAndUnscaledIntegersStayIntegerOnly() throws Exception {
        List<String> qdq = storedNames("quant_qdq.onnx");
        assertTrue(qdq.contains("onnx::MatMul_13_quantized"));
        assertFalse(qdq.contains("onnx::MatMul_13_quantized:dequantized"), "blocked quantization");
        List<String> integer = storedNames("quant_integer.onnx");
        assertTrue(integer.contains("onnx::MatMul_32_quantized"));
        assertFalse(integer.contains("onnx::MatMul_32_quantized:dequantized"), "no rescaling Mul, so no scale");
    }

    private static List<String> storedNames(String file) throws Exception {
        return new OnnxReader().read(OnnxFixturesTest.fixture(file)).tensors().stream().map(Tensor::storedName).toList();
    }

    @Test
    void perAxisScaleOfTheWrongLength() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> new OnnxReader().read(OnnxFixturesTest.fixture("quant_bad_shape.onnx")));
        assertEquals("DequantizeLinear node onnx::MatMul_40_DequantizeLinear: scale onnx::MatMul_40_scale has shape "
                + "[7], but weight onnx::MatMul_40_quantized has shape [6, 5]: expected one value or 5 along axis 1",
                e.reason());
        assertTrue(e.offset() > 0, "the scale's TensorProto");
    }

    @Test
    void axisOutsideTheWeight() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> new OnnxReader().read(OnnxFixturesTest.fixture("quant_bad_axis.onnx")));
        assertEquals("DequantizeLinear node onnx::MatMul_40_DequantizeLinear: axis 3 is outside weight "
                + "onnx::MatMul_40_quantized of rank 2", e.reason());
    }

    private static Tensor named(Model model, String name) {
        return model.tensors().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static byte[] bytes(DecodedBytes data, long offset, int length) throws IOException {
        ByteBuffer window = data.window(offset, length);
        byte[] bytes = new byte[length];
        window.get(bytes);
        return bytes;
    }
}
