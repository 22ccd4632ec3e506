package org.jaynes.formats.onnx;

import java.util.List;
import java.util.Optional;
import org.jaynes.core.tensor.Shape;

/**
 * A TensorProto as parsed, before its data is located: where each part sits in the model file.
 *
 * @param name         the stored name ({@code ""} when the tensor has none, as in Constant nodes)
 * @param offset       where the TensorProto message starts in the model file
 * @param shape        the dimensions, checked to be non-negative with an element count that fits a long
 * @param dataType     the {@code data_type} code, not yet checked
 * @param rawData      the {@code raw_data} field, if present
 * @param typedField   the number of the typed field holding the values ({@code float_data}...), or 0
 * @param typedValues  every occurrence of that field, in wire order: packed runs or single values
 * @param external     whether {@code data_location} is EXTERNAL
 * @param externalData the {@code external_data} entries
 */
record OnnxTensorProto(String name, int offset, Shape shape, long dataType, Optional<ProtoField> rawData,
                       int typedField, List<ProtoField> typedValues, boolean external,
                       List<ExternalEntry> externalData) {

    OnnxTensorProto {
        typedValues = List.copyOf(typedValues);
        externalData = List.copyOf(externalData);
    }

    /**
     * One key/value entry of {@code external_data}.
     *
     * @param key    {@code location}, {@code offset}, {@code length} or {@code checksum}
     * @param value  the value as stored (numbers are decimal text)
     * @param offset where the entry starts in the model file
     */
    record ExternalEntry(String key, String value, int offset) {
    }
}
