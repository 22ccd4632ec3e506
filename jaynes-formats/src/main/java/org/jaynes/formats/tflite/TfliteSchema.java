package org.jaynes.formats.tflite;

/**
 * The field ids of the tflite schema ({@code tensorflow/compiler/mlir/lite/schema/schema.fbs}) that the
 * reader uses: the order of declaration in each table, a union taking two ids (its type, then its value).
 */
final class TfliteSchema {

    /** The schema's file identifier, bytes 4 to 7 of a model. */
    static final String IDENTIFIER = "TFL3";

    static final int MODEL_VERSION = 0;
    static final int MODEL_OPERATOR_CODES = 1;
    static final int MODEL_SUBGRAPHS = 2;
    static final int MODEL_BUFFERS = 4;

    static final int SUBGRAPH_TENSORS = 0;
    static final int SUBGRAPH_OPERATORS = 3;

    static final int TENSOR_SHAPE = 0;
    static final int TENSOR_TYPE = 1;
    static final int TENSOR_BUFFER = 2;
    static final int TENSOR_NAME = 3;
    static final int TENSOR_QUANTIZATION = 4;
    static final int TENSOR_SPARSITY = 6;

    static final int QUANTIZATION_SCALE = 2;
    static final int QUANTIZATION_ZERO_POINT = 3;
    static final int QUANTIZATION_DETAILS_TYPE = 4;
    static final int QUANTIZATION_DIMENSION = 6;

    static final int SPARSITY_TRAVERSAL_ORDER = 0;
    static final int SPARSITY_BLOCK_MAP = 1;
    static final int SPARSITY_DIM_METADATA = 2;

    static final int DIMENSION_FORMAT = 0;
    static final int DIMENSION_DENSE_SIZE = 1;
    static final int DIMENSION_SEGMENTS_TYPE = 2;
    static final int DIMENSION_SEGMENTS = 3;
    static final int DIMENSION_INDICES_TYPE = 4;
    static final int DIMENSION_INDICES = 5;

    /** The one field of the Int32Vector, Uint16Vector and Uint8Vector tables. */
    static final int INDEX_VECTOR_VALUES = 0;

    static final int BUFFER_DATA = 0;
    static final int BUFFER_OFFSET = 1;
    static final int BUFFER_SIZE = 2;

    static final int OPERATOR_CODE_DEPRECATED_BUILTIN = 0;
    static final int OPERATOR_CODE_BUILTIN = 3;

    static final int OPERATOR_OPCODE_INDEX = 0;
    static final int OPERATOR_INPUTS = 1;
    static final int OPERATOR_OUTPUTS = 2;

    /** BuiltinOperator codes that tell what a constant input is for. */
    static final int OP_CONV_2D = 3;
    static final int OP_DEPTHWISE_CONV_2D = 4;
    static final int OP_DEQUANTIZE = 6;
    static final int OP_EMBEDDING_LOOKUP = 7;
    static final int OP_FULLY_CONNECTED = 9;
    static final int OP_TRANSPOSE_CONV = 67;
    static final int OP_DENSIFY = 124;
    static final int OP_BATCH_MATMUL = 126;
    static final int OP_CONV_3D = 132;
    static final int OP_CONV_3D_TRANSPOSE = 141;

    private TfliteSchema() {
    }
}
