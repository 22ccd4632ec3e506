package org.jaynes.formats.onnx;

import java.util.Map;

/**
 * The parts of {@code onnx.proto} (IR version 3 onwards, the numbers never change) that the reader
 * needs: message names and field numbers. Fields not listed here are skipped.
 */
final class OnnxSchema {

    static final ProtoMessageType MODEL = new ProtoMessageType("ModelProto", Map.of(
            1, "ir_version", 2, "producer_name", 3, "producer_version", 7, "graph", 8, "opset_import"));
    static final int MODEL_IR_VERSION = 1;
    static final int MODEL_GRAPH = 7;

    static final ProtoMessageType GRAPH = new ProtoMessageType("GraphProto", Map.of(
            1, "node", 2, "name", 5, "initializer", 11, "input", 12, "output", 15, "sparse_initializer"));
    static final int GRAPH_NODE = 1;
    static final int GRAPH_INITIALIZER = 5;

    static final ProtoMessageType NODE = new ProtoMessageType("NodeProto", Map.of(
            1, "input", 2, "output", 3, "name", 4, "op_type", 5, "attribute", 7, "domain"));
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP_TYPE = 4;
    static final int NODE_ATTRIBUTE = 5;

    static final ProtoMessageType ATTRIBUTE = new ProtoMessageType("AttributeProto", Map.of(
            1, "name", 3, "i", 5, "t", 6, "g", 10, "tensors", 11, "graphs", 20, "type"));
    static final int ATTRIBUTE_NAME = 1;
    static final int ATTRIBUTE_INT = 3;
    static final int ATTRIBUTE_TENSOR = 5;
    static final int ATTRIBUTE_GRAPH = 6;
    static final int ATTRIBUTE_GRAPHS = 11;

    static final ProtoMessageType TENSOR = new ProtoMessageType("TensorProto", Map.ofEntries(
            Map.entry(1, "dims"), Map.entry(2, "data_type"), Map.entry(3, "segment"), Map.entry(4, "float_data"),
            Map.entry(5, "int32_data"), Map.entry(6, "string_data"), Map.entry(7, "int64_data"),
            Map.entry(8, "name"), Map.entry(9, "raw_data"), Map.entry(10, "double_data"),
            Map.entry(11, "uint64_data"), Map.entry(13, "external_data"), Map.entry(14, "data_location")));
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_SEGMENT = 3;
    static final int TENSOR_FLOAT_DATA = 4;
    static final int TENSOR_INT32_DATA = 5;
    static final int TENSOR_STRING_DATA = 6;
    static final int TENSOR_INT64_DATA = 7;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;
    static final int TENSOR_DOUBLE_DATA = 10;
    static final int TENSOR_UINT64_DATA = 11;
    static final int TENSOR_EXTERNAL_DATA = 13;
    static final int TENSOR_DATA_LOCATION = 14;

    /** {@code TensorProto.DataLocation.EXTERNAL}; 0 is DEFAULT (in the model file). */
    static final long DATA_LOCATION_EXTERNAL = 1;

    static final ProtoMessageType STRING_ENTRY = new ProtoMessageType("StringStringEntryProto", Map.of(
            1, "key", 2, "value"));
    static final int ENTRY_KEY = 1;
    static final int ENTRY_VALUE = 2;

    private OnnxSchema() {
    }

    /** {@code field 5 (int32_data)}, the name of a TensorProto field without its message. */
    static String tensorField(int number) {
        return "field " + number + " (" + TENSOR.fieldNames().getOrDefault(number, "?") + ")";
    }
}
