package org.jaynes.formats.tflite;

import static org.jaynes.formats.tflite.TfliteBytes.FLOAT16;
import static org.jaynes.formats.tflite.TfliteBytes.FLOAT32;
import static org.jaynes.formats.tflite.TfliteBytes.INT4;
import static org.jaynes.formats.tflite.TfliteBytes.INT8;
import static org.jaynes.formats.tflite.TfliteBytes.STRING;
import static org.jaynes.formats.tflite.TfliteBytes.UINT8;
import static org.jaynes.formats.tflite.TfliteBytes.buffer;
import static org.jaynes.formats.tflite.TfliteBytes.bytes;
import static org.jaynes.formats.tflite.TfliteBytes.csrLevel;
import static org.jaynes.formats.tflite.TfliteBytes.denseLevel;
import static org.jaynes.formats.tflite.TfliteBytes.f32;
import static org.jaynes.formats.tflite.TfliteBytes.model;
import static org.jaynes.formats.tflite.TfliteBytes.operator;
import static org.jaynes.formats.tflite.TfliteBytes.operatorCode;
import static org.jaynes.formats.tflite.TfliteBytes.quantization;
import static org.jaynes.formats.tflite.TfliteBytes.sparsity;
import static org.jaynes.formats.tflite.TfliteBytes.subgraph;
import static org.jaynes.formats.tflite.TfliteBytes.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.TensorValues;
import org.jaynes.formats.tflite.FlatBytes.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases converters rarely write, in models built field by field ({@link TfliteBytes}): quantization along
 * a later dimension with zero points, INT4, buffers after the flatbuffer, string tensors, several
 * subgraphs, sparsity by hand, and the roles operators give.
 */
class TfliteReaderTest {

    @TempDir
    Path folder;

    private Model read(byte[] bytes) throws Exception {
        Path file = folder.resolve("model.tflite");
        Files.write(file, bytes);
        return new TfliteReader().read(file);
    }

    private static double[] values(Tensor tensor) throws Exception {
        return TensorValues.of(tensor);
    }

    @Test
    void perChannelAlongALaterDimensionWithZeroPoints() throws Exception {
        // shape [2, 3]: channels run along dimension 1, so element (i, j) uses scale[j], zero point[j]
        Table quantization = quantization(new float[] {0.5f, 2f, 0.25f}, new long[] {128, 0, 4}, 1);
        Table weights = tensor("w", UINT8, 1, 2, 3).ref(TfliteSchema.TENSOR_QUANTIZATION, quantization);
        Model model = read(bytes(model(List.of(weights), buffer(new byte[] {(byte) 130, 3, 8, 0, (byte) 255, 0}))));
        Tensor tensor = model.tensors().get(0);
        assertEquals(DType.F32, tensor.dtype());
        assertArrayEquals(new double[] {1.0, 6.0, 1.0, -64.0, 510.0, -1.0}, values(tensor));
    }

    @Test
    void oneZeroPointServesEveryChannel() throws Exception {
        Table weights = tensor("w", INT8, 1, 2, 2)
                .ref(TfliteSchema.TENSOR_QUANTIZATION, quantization(new float[] {1f, 10f}, new long[] {1}, 0));
        Model model = read(bytes(model(List.of(weights), buffer(new byte[] {1, 2, -1, 0}))));
        assertArrayEquals(new double[] {0.0, 1.0, -20.0, -10.0}, values(model.tensors().get(0)));
    }

    @Test
    void int4IsUnpackedLowNibbleFirstAndDequantized() throws Exception {
        byte[] packed = {(byte) 0x71, (byte) 0x8f, 0x05}; // 1, 7, -1, -8, 5
        Table plain = tensor("plain", INT4, 1, 5);
        Table scaled = tensor("scaled", INT4, 1, 5)
                .ref(TfliteSchema.TENSOR_QUANTIZATION, quantization(new float[] {0.5f}, new long[] {1}, 0));
        Model model = read(bytes(model(List.of(plain, scaled), buffer(packed))));
        assertEquals(DType.I8, model.tensors().get(0).dtype());
        assertArrayEquals(new double[] {1, 7, -1, -8, 5}, values(model.tensors().get(0)));
        assertArrayEquals(new double[] {0, 3, -1, -4.5, 2}, values(model.tensors().get(1)));
    }

    @Test
    void externalBufferIsARegionAfterTheFlatbuffer() throws Exception {
        byte[] flat = bytes(model(List.of(tensor("w", FLOAT32, 1, 2)), TfliteBytes.external(4096, 8)));
        byte[] file = Arrays.copyOf(flat, 4096 + 8);
        System.arraycopy(f32(1.5f, -2f), 0, file, 4096, 8);
        assertArrayEquals(new double[] {1.5, -2}, values(read(file).tensors().get(0)));
    }

    @Test
    void stringsAndEmptyBuffersAreLeftOut() throws Exception {
        List<Table> tensors = List.of(tensor("text", STRING, 1, 1), tensor("activation", FLOAT32, 0, 1, 4),
                tensor("bias", FLOAT32, 2, 1));
        Model model = read(bytes(model(tensors, buffer(new byte[] {1, 0, 0, 0, 'a'}), buffer(f32(3f)))));
        assertEquals(List.of("bias"), model.tensors().stream().map(Tensor::name).toList());
    }

    @Test
    void everySubgraphIsRead() throws Exception {
        Table main = subgraph(List.of(tensor("main/w", FLOAT32, 1, 1)), List.of());
        Table body = subgraph(List.of(tensor("body/w", FLOAT32, 2, 1)), List.of());
        Model model = read(bytes(model(List.of(main, body), List.of(), buffer(f32(1f)), buffer(f32(2f)))));
        assertEquals(List.of("main/w", "body/w"), model.tensors().stream().map(Tensor::name).toList());
    }

    @Test
    void rolesFollowDequantizeBackToTheConstant() throws Exception {
        List<Table> tensors = List.of(
                tensor("input", FLOAT32, 0, 1, 4, 4, 1),
                tensor("model/layer_a/kernel_fp16", FLOAT16, 1, 2, 1, 1, 1),
                tensor("kernel", FLOAT32, 0, 2, 1, 1, 1),
                tensor("model/layer_a/bias", FLOAT32, 2, 2),
                tensor("conv_out", FLOAT32, 0, 1, 4, 4, 2),
                tensor("model/attention/query/MatMul", FLOAT32, 3, 2, 32),
                tensor("model/fc_norm/MatMul", FLOAT32, 4, 2, 32),
                tensor("fc_out", FLOAT32, 0, 1, 2));
        List<Table> operators = List.of(
                operator(0, new int[] {1}, new int[] {2}),
                operator(1, new int[] {0, 2, 3}, new int[] {4}),
                operator(2, new int[] {4, 5, -1}, new int[] {7}),
                operator(2, new int[] {4, 6}, new int[] {7}));
        Table model = model(List.of(subgraph(tensors, operators)),
                List.of(operatorCode(TfliteSchema.OP_DEQUANTIZE), operatorCode(TfliteSchema.OP_CONV_2D),
                        operatorCode(TfliteSchema.OP_FULLY_CONNECTED)),
                buffer(new byte[4]), buffer(f32(0f, 0f)), buffer(new byte[256]), buffer(new byte[256]));
        List<Tensor> read = read(bytes(model)).tensors();
        assertEquals(List.of(Role.CONVOLUTION, Role.BIAS, Role.ATTENTION_QUERY, Role.DENSE),
                read.stream().map(Tensor::role).toList());
    }

    @Test
    void blockSparseTensorIsDensified() throws Exception {
        // dense [2, 4] in 1x2 blocks: row 0 keeps block 1, row 1 keeps block 0
        Table weights = tensor("w", FLOAT32, 1, 2, 4).ref(TfliteSchema.TENSOR_SPARSITY,
                sparsity(new int[] {0, 1, 2}, new int[] {1},
                        denseLevel(2), csrLevel(new int[] {0, 1, 2}, new int[] {1, 0}), denseLevel(2)));
        Model model = read(bytes(model(List.of(weights), buffer(f32(1f, 2f, 3f, 4f)))));
        assertArrayEquals(new double[] {0, 0, 1, 2, 3, 4, 0, 0}, values(model.tensors().get(0)));
    }

    @Test
    void columnMajorTraversalIsDensified() throws Exception {
        // dense [2, 3] walked column by column: column 0 keeps row 1, column 2 keeps rows 0 and 1
        Table weights = tensor("w", FLOAT32, 1, 2, 3).ref(TfliteSchema.TENSOR_SPARSITY,
                sparsity(new int[] {1, 0}, new int[0],
                        denseLevel(3), csrLevel(new int[] {0, 1, 1, 3}, new int[] {1, 0, 1})));
        Model model = read(bytes(model(List.of(weights), buffer(f32(1f, 2f, 3f)))));
        assertArrayEquals(new double[] {0, 0, 2, 1, 0, 3}, values(model.tensors().get(0)));
    }

    @Test
    void recognizesByIdentifierOrName() {
        TfliteReader reader = new TfliteReader();
        ByteBuffer head = ByteBuffer.wrap(new byte[] {20, 0, 0, 0, 'T', 'F', 'L', '3'}).order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(reader.recognizes(Path.of("model.bin"), head));
        assertTrue(reader.recognizes(Path.of("pose.TFLITE"), ByteBuffer.allocate(0)));
        assertFalse(reader.recognizes(Path.of("model.bin"), ByteBuffer.wrap(new byte[] {20, 0, 0, 0, 'T', 'F', 'L'})));
        assertFalse(reader.recognizes(Path.of("model.onnx"), ByteBuffer.wrap(new byte[8])));
    }
}
