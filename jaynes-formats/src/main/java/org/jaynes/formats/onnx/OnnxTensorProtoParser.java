package org.jaynes.formats.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;

/**
 * Parses one TensorProto into an {@link OnnxTensorProto}: its name, dims, data type and where its
 * values are, without touching the values. Checks what the message alone can tell: dims are
 * non-negative and their product fits a long, values sit in at most one typed field, data_location is
 * 0 or 1. Segmented tensors (field 3) are rejected: no exporter writes them.
 */
final class OnnxTensorProtoParser {

    /** The most dimensions a tensor may have, as in numpy; it bounds the memory a hostile dims list costs. */
    static final int MAX_RANK = 64;

    /** Estimated heap of one occurrence of a typed field kept (values written unpacked, one field each). */
    private static final long FIELD_BYTES = 48;

    private OnnxTensorProtoParser() {
    }

    /**
     * Parses a TensorProto message.
     *
     * @param tensor     a scanner over the message
     * @param storedName the name to use instead of the stored one (a Constant node's output), or null
     * @param budget     charged for the occurrences of its typed field and its external data entries
     */
    static OnnxTensorProto parse(ProtoScanner tensor, String storedName, MetadataBudget budget)
            throws ModelFormatException {
        int offset = tensor.position();
        String name = "";
        List<Long> dims = new ArrayList<>();
        List<Integer> dimOffsets = new ArrayList<>();
        long dataType = 0;
        Optional<ProtoField> raw = Optional.empty();
        int typedField = 0;
        List<ProtoField> typedValues = new ArrayList<>();
        long location = 0;
        int locationOffset = offset;
        List<OnnxTensorProto.ExternalEntry> external = new ArrayList<>();
        while (tensor.hasNext()) {
            ProtoField field = tensor.next();
            switch (field.number()) {
                case OnnxSchema.TENSOR_DIMS -> readDims(tensor, field, dims, dimOffsets);
                case OnnxSchema.TENSOR_DATA_TYPE -> dataType = tensor.varint(field);
                case OnnxSchema.TENSOR_SEGMENT ->
                        throw tensor.error(field.offset(), "segmented tensors (TensorProto field 3) are not supported");
                case OnnxSchema.TENSOR_FLOAT_DATA, OnnxSchema.TENSOR_INT32_DATA, OnnxSchema.TENSOR_STRING_DATA,
                        OnnxSchema.TENSOR_INT64_DATA, OnnxSchema.TENSOR_DOUBLE_DATA, OnnxSchema.TENSOR_UINT64_DATA -> {
                    if (typedField != 0 && typedField != field.number()) {
                        throw tensor.error(field.offset(), "TensorProto stores values in both %s and %s",
                                OnnxSchema.tensorField(typedField), OnnxSchema.tensorField(field.number()));
                    }
                    typedField = field.number();
                    budget.charge(tensor.file(), field.offset(), FIELD_BYTES, "tensor", name);
                    typedValues.add(field);
                }
                case OnnxSchema.TENSOR_NAME -> name = tensor.string(field);
                case OnnxSchema.TENSOR_RAW_DATA -> {
                    tensor.expect(field, WireType.LENGTH_DELIMITED);
                    raw = Optional.of(field);
                }
                case OnnxSchema.TENSOR_EXTERNAL_DATA -> {
                    OnnxTensorProto.ExternalEntry entry =
                            entry(tensor.message(field, OnnxSchema.STRING_ENTRY), field.offset());
                    budget.charge(tensor.file(), field.offset(),
                            FIELD_BYTES + 2L * (entry.key().length() + entry.value().length()), "tensor", name);
                    external.add(entry);
                }
                case OnnxSchema.TENSOR_DATA_LOCATION -> {
                    location = tensor.varint(field);
                    locationOffset = field.offset();
                }
                default -> {
                    // doc_string, metadata_props
                }
            }
        }
        String stored = storedName != null ? storedName : name;
        Shape shape = shape(tensor, stored, offset, dims, dimOffsets);
        if (location != 0 && location != OnnxSchema.DATA_LOCATION_EXTERNAL) {
            throw tensor.error(locationOffset, "unknown data_location %d in tensor %s (0 = in the file, 1 = external)",
                    location, stored);
        }
        return new OnnxTensorProto(stored, offset, shape, dataType, raw, typedField, typedValues,
                location == OnnxSchema.DATA_LOCATION_EXTERNAL, external);
    }

    /** Dims come one varint per field or, from some writers, packed into one field. */
    private static void readDims(ProtoScanner tensor, ProtoField field, List<Long> dims, List<Integer> offsets)
            throws ModelFormatException {
        if (field.wireType() == WireType.LENGTH_DELIMITED) {
            ProtoScanner packed = tensor.message(field, OnnxSchema.TENSOR);
            while (packed.hasNext()) {
                checkRank(tensor, packed.position(), dims);
                offsets.add(packed.position());
                dims.add(packed.readVarint(OnnxSchema.TENSOR.describe(field.number())));
            }
        } else {
            checkRank(tensor, field.offset(), dims);
            offsets.add(field.valueOffset());
            dims.add(tensor.varint(field));
        }
    }

    private static void checkRank(ProtoScanner tensor, int offset, List<Long> dims) throws ModelFormatException {
        if (dims.size() == MAX_RANK) {
            throw tensor.error(offset, "TensorProto has more than %d dims", MAX_RANK);
        }
    }

    private static Shape shape(ProtoScanner tensor, String name, int offset, List<Long> dims, List<Integer> offsets)
            throws ModelFormatException {
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i) < 0) {
                throw tensor.error(offsets.get(i), "negative dimension %d (dims[%d]) in tensor %s", dims.get(i), i, name);
            }
        }
        Shape shape = Shape.of(dims);
        if (!shape.isCountable()) {
            throw tensor.error(offset, "tensor %s has shape %s, more elements than a long counts", name, shape);
        }
        return shape;
    }

    private static OnnxTensorProto.ExternalEntry entry(ProtoScanner entry, int offset) throws ModelFormatException {
        String key = "";
        String value = "";
        while (entry.hasNext()) {
            ProtoField field = entry.next();
            if (field.number() == OnnxSchema.ENTRY_KEY) {
                key = entry.string(field);
            } else if (field.number() == OnnxSchema.ENTRY_VALUE) {
                value = entry.string(field);
            }
        }
        return new OnnxTensorProto.ExternalEntry(key, value, offset);
    }
}
