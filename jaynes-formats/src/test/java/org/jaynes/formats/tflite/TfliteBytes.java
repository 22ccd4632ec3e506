package org.jaynes.formats.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.formats.tflite.FlatBytes.Scalars;
import org.jaynes.formats.tflite.FlatBytes.Table;
import org.jaynes.formats.tflite.FlatBytes.Tables;
import org.jaynes.formats.tflite.FlatBytes.Text;

/** Builds tflite models field by field with {@link FlatBytes}, for the cases converters never write. */
final class TfliteBytes {

    static final int FLOAT32 = 0;
    static final int FLOAT16 = 1;
    static final int INT32 = 2;
    static final int UINT8 = 3;
    static final int STRING = 5;
    static final int COMPLEX64 = 8;
    static final int INT8 = 9;
    static final int INT4 = 17;

    private TfliteBytes() {
    }

    /** A version-3 model with one subgraph; buffer 0 is the empty sentinel, followed by {@code buffers}. */
    static Table model(List<Table> tensors, Table... buffers) {
        return model(List.of(subgraph(tensors, List.of())), List.of(), buffers);
    }

    static Table model(List<Table> subgraphs, List<Table> operatorCodes, Table... buffers) {
        List<Table> all = new ArrayList<>();
        all.add(new Table());
        all.addAll(List.of(buffers));
        return new Table()
                .i32(TfliteSchema.MODEL_VERSION, 3)
                .ref(TfliteSchema.MODEL_OPERATOR_CODES, new Tables(operatorCodes))
                .ref(TfliteSchema.MODEL_SUBGRAPHS, new Tables(subgraphs))
                .ref(TfliteSchema.MODEL_BUFFERS, new Tables(all));
    }

    static Table subgraph(List<Table> tensors, List<Table> operators) {
        return new Table()
                .ref(TfliteSchema.SUBGRAPH_TENSORS, new Tables(tensors))
                .ref(TfliteSchema.SUBGRAPH_OPERATORS, new Tables(operators));
    }

    static Table tensor(String name, int type, int buffer, int... shape) {
        return new Table()
                .ref(TfliteSchema.TENSOR_SHAPE, Scalars.ints(shape))
                .i8(TfliteSchema.TENSOR_TYPE, type)
                .i32(TfliteSchema.TENSOR_BUFFER, buffer)
                .ref(TfliteSchema.TENSOR_NAME, new Text(name));
    }

    static Table quantization(float[] scales, long[] zeroPoints, int dimension) {
        return new Table()
                .ref(TfliteSchema.QUANTIZATION_SCALE, Scalars.floats(scales))
                .ref(TfliteSchema.QUANTIZATION_ZERO_POINT, Scalars.longs(zeroPoints))
                .i32(TfliteSchema.QUANTIZATION_DIMENSION, dimension);
    }

    static Table buffer(byte[] data) {
        return new Table().ref(TfliteSchema.BUFFER_DATA, Scalars.bytes(data));
    }

    /** A buffer whose bytes lie outside the flatbuffer, at {@code offset} in the file. */
    static Table external(long offset, long size) {
        return new Table().i64(TfliteSchema.BUFFER_OFFSET, offset).i64(TfliteSchema.BUFFER_SIZE, size);
    }

    static Table operatorCode(int builtin) {
        return new Table().i8(TfliteSchema.OPERATOR_CODE_DEPRECATED_BUILTIN, Math.min(builtin, 127))
                .i32(TfliteSchema.OPERATOR_CODE_BUILTIN, builtin);
    }

    static Table operator(int opcodeIndex, int[] inputs, int[] outputs) {
        return new Table().i32(TfliteSchema.OPERATOR_OPCODE_INDEX, opcodeIndex)
                .ref(TfliteSchema.OPERATOR_INPUTS, Scalars.ints(inputs))
                .ref(TfliteSchema.OPERATOR_OUTPUTS, Scalars.ints(outputs));
    }

    /** A dimension of a sparsity: dense of {@code size}, or CSR with uint8 segments and indices when not null. */
    static Table denseLevel(int size) {
        return new Table().i8(TfliteSchema.DIMENSION_FORMAT, 0).i32(TfliteSchema.DIMENSION_DENSE_SIZE, size);
    }

    static Table csrLevel(int[] segments, int[] indices) {
        return new Table().i8(TfliteSchema.DIMENSION_FORMAT, 1)
                .i8(TfliteSchema.DIMENSION_SEGMENTS_TYPE, 1)
                .ref(TfliteSchema.DIMENSION_SEGMENTS, new Table().ref(0, Scalars.ints(segments)))
                .i8(TfliteSchema.DIMENSION_INDICES_TYPE, 2)
                .ref(TfliteSchema.DIMENSION_INDICES, new Table().ref(0, Scalars.shorts(indices)));
    }

    static Table sparsity(int[] traversalOrder, int[] blockMap, Table... levels) {
        return new Table().ref(TfliteSchema.SPARSITY_TRAVERSAL_ORDER, Scalars.ints(traversalOrder))
                .ref(TfliteSchema.SPARSITY_BLOCK_MAP, Scalars.ints(blockMap))
                .ref(TfliteSchema.SPARSITY_DIM_METADATA, Tables.of(levels));
    }

    static byte[] bytes(Table model) {
        return FlatBytes.write(model, TfliteSchema.IDENTIFIER);
    }

    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
