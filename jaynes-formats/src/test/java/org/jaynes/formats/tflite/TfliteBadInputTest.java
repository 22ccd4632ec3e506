package org.jaynes.formats.tflite;

import static org.jaynes.formats.tflite.TfliteBytes.COMPLEX64;
import static org.jaynes.formats.tflite.TfliteBytes.FLOAT32;
import static org.jaynes.formats.tflite.TfliteBytes.INT8;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.BadInput;
import org.jaynes.formats.tflite.FlatBytes.Scalars;
import org.jaynes.formats.tflite.FlatBytes.Table;
import org.jaynes.formats.tflite.FlatBytes.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of broken tflite file gives one ModelFormatException naming the file, the byte offset and
 * the problem, and leaves the file as it was. Models are built field by field with {@link TfliteBytes}.
 */
class TfliteBadInputTest {

    @TempDir
    Path folder;

    private ModelFormatException fails(byte[] bytes, long offset, String reason) throws Exception {
        return BadInput.assertRefused(new TfliteReader(), folder.resolve("broken.tflite"), bytes, offset, reason);
    }

    /** A valid model of one f32 tensor [2] named w; tests change one thing. */
    private static Table weights() {
        return tensor("w", FLOAT32, 1, 2);
    }

    private static byte[] oneTensor(Table tensor, byte[] data) {
        return bytes(model(List.of(tensor), buffer(data)));
    }

    private static void putInt(byte[] bytes, int at, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    @Test
    void fileShorterThanAHeader() throws Exception {
        fails(new byte[] {8, 0, 0, 0, 'T'}, 0, "the file is 5 bytes long, too short for a TFLite model (8 bytes)");
    }

    @Test
    void wrongIdentifier() throws Exception {
        byte[] bytes = oneTensor(weights(), f32(1, 2));
        bytes[7] = '2';
        fails(bytes, 4, "not a TFLite model: bytes 4 to 7 are \"TFL2\", expected \"TFL3\"");
    }

    @Test
    void rootOffsetPastTheEnd() throws Exception {
        byte[] bytes = oneTensor(weights(), f32(1, 2));
        putInt(bytes, 0, 1 << 30);
        fails(bytes, 0, "the model points to byte 1073741824, outside the " + bytes.length + "-byte flatbuffer");
    }

    @Test
    void vtableBeforeTheStart() throws Exception {
        Table root = model(List.of(weights()), buffer(f32(1, 2)));
        byte[] bytes = bytes(root);
        putInt(bytes, root.position, root.position + 100);
        fails(bytes, root.position, "the model's vtable offset points to byte -100, outside the " + bytes.length
                + "-byte flatbuffer");
    }

    @Test
    void vtableOfOddSize() throws Exception {
        Table root = model(List.of(weights()), buffer(f32(1, 2)));
        byte[] bytes = bytes(root);
        bytes[root.vtable] = 7;
        fails(bytes, root.position,
                "the model: its vtable at byte " + root.vtable + " is malformed: its size is 7 bytes");
    }

    @Test
    void fieldOutsideItsTable() throws Exception {
        Table tensor = weights();
        byte[] bytes = oneTensor(tensor, f32(1, 2));
        bytes[tensor.vtable + 4 + 2 * TfliteSchema.TENSOR_BUFFER] = 60; // the buffer field at table offset 60
        fails(bytes, tensor.position,
                "tensor 0 of subgraph 0: field 2 (4 bytes at table offset 60) lies outside its 20-byte table");
    }

    @Test
    void vectorLongerThanTheFile() throws Exception {
        Tables tensors = new Tables(List.of(weights()));
        Table root = model(List.of(subgraph(List.of(), List.of())), List.of(), buffer(f32(1, 2)));
        root.ref(TfliteSchema.MODEL_SUBGRAPHS, Tables.of(new Table().ref(TfliteSchema.SUBGRAPH_TENSORS, tensors)));
        byte[] bytes = bytes(root);
        putInt(bytes, tensors.position, 1 << 28);
        fails(bytes, tensors.position, "subgraph 0 tensors: a vector of 268435456 elements of 4 bytes does not fit in "
                + "the " + (bytes.length - tensors.position - 4) + " bytes left");
    }

    @Test
    void unsupportedSchemaVersion() throws Exception {
        Table root = model(List.of(weights()), buffer(f32(1, 2))).i32(TfliteSchema.MODEL_VERSION, 2);
        fails(bytes(root), root.position, "TFLite schema version 2 is not supported (jaynes reads version 3)");
    }

    @Test
    void bufferIndexPastTheBuffers() throws Exception {
        Table tensor = tensor("w", FLOAT32, 7, 2);
        fails(oneTensor(tensor, f32(1, 2)), tensor.position,
                "tensor w refers to buffer 7, but the model has 2 buffers");
    }

    @Test
    void bufferShorterThanTheShape() throws Exception {
        Table tensor = tensor("w", FLOAT32, 1, 3);
        fails(oneTensor(tensor, f32(1, 2)), tensor.position,
                "tensor w: FLOAT32 [3] needs 12 bytes, its buffer 1 holds 8");
    }

    @Test
    void tensorClaiming2To62Elements() throws Exception {
        Table tensor = tensor("w", INT8, 1, 1 << 30, 1 << 30, 4);
        fails(oneTensor(tensor, new byte[2]), tensor.position,
                "tensor w: INT8 [1073741824, 1073741824, 4] needs 4611686018427387904 bytes, its buffer 1 holds 2");
    }

    @Test
    void tensorWhoseBytesOverflow() throws Exception {
        Table tensor = tensor("w", FLOAT32, 1, 1 << 30, 1 << 30, 4);
        fails(oneTensor(tensor, f32(1, 2)), tensor.position,
                "tensor w: FLOAT32 [1073741824, 1073741824, 4] needs more than 2^63 bytes, its buffer 1 holds 8");
    }

    @Test
    void shapeWithMoreThan2To63Elements() throws Exception {
        Table tensor = tensor("w", FLOAT32, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
        fails(oneTensor(tensor, f32(1, 2)), tensor.position,
                "tensor w: shape [2147483647, 2147483647, 2147483647] has more than 2^63 elements");
    }

    @Test
    void negativeDimensionOfAConstant() throws Exception {
        Table tensor = tensor("w", FLOAT32, 1, -1, 2);
        fails(oneTensor(tensor, f32(1, 2)), tensor.position, "tensor w holds values but its shape [-1, 2] has a "
                + "negative dimension");
    }

    @Test
    void unknownTensorType() throws Exception {
        Table tensor = tensor("w", 99, 1, 2);
        fails(oneTensor(tensor, f32(1, 2)), tensor.position, "tensor w has unknown TensorType code 99");
    }

    @Test
    void complexTensorIsRefusedByName() throws Exception {
        Table tensor = tensor("w", COMPLEX64, 1, 1);
        fails(oneTensor(tensor, f32(1, 2)), tensor.position, "tensor w has type COMPLEX64, which jaynes cannot read");
    }

    @Test
    void externalBufferPastTheEnd() throws Exception {
        Table external = TfliteBytes.external(1000, 8);
        byte[] bytes = bytes(model(List.of(weights()), external));
        fails(bytes, external.position, "buffer 1: offset 1000 and size 8 pass the end of the file (" + bytes.length
                + " bytes)");
    }

    @Test
    void zeroPointsDoNotMatchScales() throws Exception {
        Table quantization = quantization(new float[] {1, 2}, new long[] {0, 0, 0}, 0);
        Table tensor = tensor("w", INT8, 1, 2).ref(TfliteSchema.TENSOR_QUANTIZATION, quantization);
        fails(oneTensor(tensor, new byte[2]), quantization.position, "tensor w has 2 scales but 3 zero points");
    }

    @Test
    void scalesDoNotMatchTheChannels() throws Exception {
        Table quantization = quantization(new float[] {1, 2, 3}, new long[] {0, 0, 0}, 1);
        Table tensor = tensor("w", INT8, 1, 3, 2).ref(TfliteSchema.TENSOR_QUANTIZATION, quantization);
        fails(oneTensor(tensor, new byte[6]), quantization.position,
                "tensor w has 3 scales, but dimension 1 of its shape [3, 2] has 2 channels");
    }

    @Test
    void quantizedDimensionOutsideTheShape() throws Exception {
        Table quantization = quantization(new float[] {1, 2}, new long[] {0, 0}, 5);
        Table tensor = tensor("w", INT8, 1, 2).ref(TfliteSchema.TENSOR_QUANTIZATION, quantization);
        fails(oneTensor(tensor, new byte[2]), quantization.position,
                "tensor w: quantized_dimension 5 is not a dimension of its shape [2]");
    }

    @Test
    void scaleThatIsNotFinite() throws Exception {
        Table quantization = quantization(new float[] {Float.NaN}, new long[] {0}, 0);
        Table tensor = tensor("w", INT8, 1, 2).ref(TfliteSchema.TENSOR_QUANTIZATION, quantization);
        fails(oneTensor(tensor, new byte[2]), quantization.position,
                "tensor w: scale 0 is NaN, expected a finite number");
    }

    @Test
    void customQuantization() throws Exception {
        Table quantization = quantization(new float[] {1}, new long[] {0}, 0).i8(4, 1);
        Table tensor = tensor("w", INT8, 1, 2).ref(TfliteSchema.TENSOR_QUANTIZATION, quantization);
        fails(oneTensor(tensor, new byte[2]), quantization.position,
                "tensor w uses custom quantization (details type 1), which jaynes cannot decode");
    }

    @Test
    void sparsityOrderThatIsNotAPermutation() throws Exception {
        Table sparsity = sparsity(new int[] {0, 0}, new int[0], denseLevel(2), denseLevel(2));
        Table tensor = tensor("w", FLOAT32, 1, 2, 2).ref(TfliteSchema.TENSOR_SPARSITY, sparsity);
        fails(oneTensor(tensor, f32(1, 2, 3, 4)), sparsity.position, "tensor w: sparsity traversal_order [0, 0] is "
                + "not a permutation of the dimensions followed by the block dimensions (rank 2, 0 blocks)");
    }

    @Test
    void sparseIndexPastItsDimension() throws Exception {
        Table level = csrLevel(new int[] {0, 1, 2}, new int[] {0, 9});
        Table sparsity = sparsity(new int[] {0, 1}, new int[0], denseLevel(2), level);
        Table tensor = tensor("w", FLOAT32, 1, 2, 3).ref(TfliteSchema.TENSOR_SPARSITY, sparsity);
        fails(oneTensor(tensor, f32(1, 2)), level.position, "tensor w: sparsity level 1 index 1 is 9, outside 0..2");
    }

    @Test
    void sparseSegmentsThatGoBack() throws Exception {
        Table level = csrLevel(new int[] {0, 2, 1}, new int[] {0, 1});
        Table sparsity = sparsity(new int[] {0, 1}, new int[0], denseLevel(2), level);
        Table tensor = tensor("w", FLOAT32, 1, 2, 3).ref(TfliteSchema.TENSOR_SPARSITY, sparsity);
        fails(oneTensor(tensor, f32(1, 2)), level.position,
                "tensor w: sparsity level 1 segment bound 2 is 1, expected a value from 2 to 2");
    }

    @Test
    void sparseValuesThatTheBufferDoesNotHold() throws Exception {
        Table sparsity = sparsity(new int[] {0, 1}, new int[0], denseLevel(2),
                csrLevel(new int[] {0, 1, 3}, new int[] {0, 1, 2}));
        Table tensor = tensor("w", FLOAT32, 1, 2, 3).ref(TfliteSchema.TENSOR_SPARSITY, sparsity);
        fails(oneTensor(tensor, f32(1, 2)), tensor.position,
                "tensor w: its sparsity reaches 3 values, its buffer 1 holds 8 bytes of FLOAT32 (4 bytes each)");
    }

    @Test
    void sparseTensorClaimingAnAbsurdDenseShape() throws Exception {
        Table sparsity = sparsity(new int[] {0, 1}, new int[0], denseLevel(1 << 20),
                csrLevel(new int[] {0, 1}, new int[] {0}));
        Table tensor = tensor("w", FLOAT32, 1, 1 << 20, 1 << 20).ref(TfliteSchema.TENSOR_SPARSITY, sparsity);
        fails(oneTensor(tensor, f32(1)), sparsity.position,
                "tensor w: its dense shape [1048576, 1048576] has more than 2147483647 elements, too many for a "
                        + "sparse tensor");
    }

    @Test
    void operatorCodeIndexPastTheCodes() throws Exception {
        Table operator = operator(3, new int[] {0}, new int[] {0});
        Table root = model(List.of(subgraph(List.of(weights()), List.of(operator))),
                List.of(operatorCode(TfliteSchema.OP_CONV_2D)), buffer(f32(1, 2)));
        fails(bytes(root), operator.position, "operator 0 of subgraph 0 has opcode_index 3, but the model has 1 "
                + "operator codes");
    }

    @Test
    void operatorInputPastTheTensors() throws Exception {
        Table operator = operator(0, new int[] {0, 5}, new int[] {0});
        Table root = model(List.of(subgraph(List.of(weights()), List.of(operator))),
                List.of(operatorCode(TfliteSchema.OP_CONV_2D)), buffer(f32(1, 2)));
        fails(bytes(root), operator.position, "operator 0 of subgraph 0: input 1 is tensor 5, but the subgraph has 1 "
                + "tensors");
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] bytes = oneTensor(weights(), f32(1, 2));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        Path file = folder.resolve("truncated.tflite");
        Files.write(file, truncated);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new TfliteReader().read(file));
        assertTrue(e.reason().contains("outside the " + truncated.length + "-byte flatbuffer")
                || e.reason().contains("does not fit"), e.getMessage());
    }

    @Test
    void nameThatIsNotUtf8IsRepaired() throws Exception {
        Table tensor = weights().ref(TfliteSchema.TENSOR_NAME, Scalars.bytes((byte) 'w', (byte) 0xff));
        Path file = folder.resolve("name.tflite");
        Files.write(file, oneTensor(tensor, f32(1, 2)));
        assertEquals("w\ufffd", new TfliteReader().read(file).tensors().get(0).name());
    }
}
