package org.jaynes.formats.onnx;

import java.util.Map;

/**
 * The name of a protobuf message type and of the fields a reader knows, used only to word errors:
 * {@code field 5 (initializer) of GraphProto}.
 *
 * @param name       the message type's name
 * @param fieldNames field number to field name; unknown numbers print without a name
 */
record ProtoMessageType(String name, Map<Integer, String> fieldNames) {

    ProtoMessageType {
        fieldNames = Map.copyOf(fieldNames);
    }

    /** {@code field 5 (initializer) of GraphProto}, or {@code field 99 of GraphProto}. */
    String describe(int number) {
        String fieldName = fieldNames.get(number);
        return fieldName == null
                ? "field " + number + " of " + name
                : "field " + number + " (" + fieldName + ") of " + name;
    }
}
