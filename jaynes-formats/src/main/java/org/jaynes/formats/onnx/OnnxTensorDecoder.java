package org.jaynes.formats.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.formats.ModelFormatException;

/**
 * Finds the bytes of a parsed TensorProto and checks that they are exactly {@code elements × dtype
 * size} long. Values stay in their file wherever the file already holds them little-endian:
 * {@code raw_data} and packed {@code float_data}/{@code double_data} become a {@link FileRegion} of the
 * model file, external data a FileRegion of the data file (which must lie in the model's folder). Only
 * values stored as varints ({@code int32_data}: f16/bf16 bit patterns, 8/16/32-bit integers, bools;
 * {@code int64_data}) are decoded, into {@link HeapBytes} of the real dtype, up to
 * {@link #MAX_DECODED_BYTES}: exporters write anything larger as raw_data.
 */
final class OnnxTensorDecoder {

    /** Typed-field tensors beyond this are refused rather than let heap use grow with the model. */
    static final int MAX_DECODED_BYTES = 64 << 20;

    private final ProtoScanner model;

    /** A decoder for tensors of the model that {@code model} scans. */
    OnnxTensorDecoder(ProtoScanner model) {
        this.model = model;
    }

    /** The tensor's bytes, little-endian, as {@code dtype} elements. */
    ByteSource decode(OnnxTensorProto tensor, OnnxDataType type, DType dtype)
            throws ModelFormatException, IOException {
        long bytes = tensor.shape().byteCount(dtype.byteSize()).orElseThrow(() -> model.error(tensor.offset(),
                "tensor %s: %s %s has more bytes than a long counts", tensor.name(), dtype.label(), tensor.shape()));
        int sources = (tensor.external() ? 1 : 0) + (tensor.rawData().isPresent() ? 1 : 0)
                + (tensor.typedValues().isEmpty() ? 0 : 1);
        if (sources > 1) {
            throw model.error(tensor.offset(), "tensor %s stores its values in more than one of raw_data, "
                    + "typed fields and external data", tensor.name());
        }
        if (tensor.external()) {
            return OnnxExternalData.locate(model, tensor, bytes);
        }
        if (tensor.rawData().isPresent()) {
            ProtoField raw = tensor.rawData().get();
            checkLength(tensor, raw, "raw_data", raw.length(), dtype, bytes);
            return new FileRegion(model.file(), raw.valueOffset(), raw.length());
        }
        if (!tensor.typedValues().isEmpty()) {
            ProtoField first = tensor.typedValues().get(0);
            if (tensor.typedField() != type.typedField()) {
                throw model.error(first.offset(), "tensor %s of data_type %s keeps its values in %s, expected %s",
                        tensor.name(), OnnxDataType.label(type.code()), OnnxSchema.tensorField(tensor.typedField()),
                        OnnxSchema.tensorField(type.typedField()));
            }
            return dtype == DType.F32 || dtype == DType.F64
                    ? fixedWidth(tensor, dtype, bytes)
                    : varints(tensor, dtype, bytes);
        }
        if (bytes == 0) {
            return HeapBytes.of(new byte[0]);
        }
        throw model.error(tensor.offset(), "tensor %s has no data: %s %s needs %d bytes",
                tensor.name(), dtype.label(), tensor.shape(), bytes);
    }

    /** float_data or double_data: one packed run is already the little-endian array. */
    private ByteSource fixedWidth(OnnxTensorProto tensor, DType dtype, long bytes) throws ModelFormatException {
        List<ProtoField> values = tensor.typedValues();
        String field = OnnxSchema.tensorField(tensor.typedField());
        WireType single = dtype.byteSize() == 4 ? WireType.FIXED32 : WireType.FIXED64;
        long found = 0;
        for (ProtoField value : values) {
            if (value.wireType() != WireType.LENGTH_DELIMITED) {
                model.expect(value, single);
            } else if (value.length() % dtype.byteSize() != 0) {
                throw model.error(value.offset(), "packed %s of tensor %s has %d bytes, not a multiple of %d",
                        field, tensor.name(), value.length(), dtype.byteSize());
            }
            found += value.length();
        }
        checkLength(tensor, values.get(0), field, found, dtype, bytes);
        if (values.size() == 1 && values.get(0).wireType() == WireType.LENGTH_DELIMITED) {
            return new FileRegion(model.file(), values.get(0).valueOffset(), bytes);
        }
        // several runs or unpacked values, which no common writer emits: gather them
        ByteBuffer out = allocate(tensor, values.get(0), bytes);
        for (ProtoField value : values) {
            if (value.wireType() == WireType.LENGTH_DELIMITED) {
                out.put(model.slice(value));
            } else if (single == WireType.FIXED32) {
                out.putInt((int) value.value());
            } else {
                out.putLong(value.value());
            }
        }
        return new HeapBytes(out.flip());
    }

    /** int32_data or int64_data: varints, counted first so a wrong count allocates nothing, then decoded. */
    private ByteSource varints(OnnxTensorProto tensor, DType dtype, long bytes) throws ModelFormatException {
        ProtoField first = tensor.typedValues().get(0);
        long expected = tensor.shape().elementCount();
        long found = forEachVarint(tensor, (value, offset, index) -> { });
        if (found != expected) {
            throw model.error(first.offset(), "%s of tensor %s holds %d values, but shape %s needs %d",
                    OnnxSchema.tensorField(tensor.typedField()), tensor.name(), found, tensor.shape(), expected);
        }
        ByteBuffer out = allocate(tensor, first, bytes);
        forEachVarint(tensor, (value, offset, index) -> put(out, tensor, dtype, value, offset, index));
        return new HeapBytes(out.flip());
    }

    /** Receives the varints of a typed field with their file offsets. */
    private interface VarintSink {
        void accept(long value, int offset, long index) throws ModelFormatException;
    }

    /** Visits every value of the typed field, packed or not, in order; returns how many there are. */
    private long forEachVarint(OnnxTensorProto tensor, VarintSink sink) throws ModelFormatException {
        long index = 0;
        for (ProtoField value : tensor.typedValues()) {
            if (value.wireType() == WireType.VARINT) {
                sink.accept(value.value(), value.valueOffset(), index++);
                continue;
            }
            model.expect(value, WireType.LENGTH_DELIMITED);
            ProtoScanner packed = model.message(value, OnnxSchema.TENSOR);
            while (packed.hasNext()) {
                int offset = packed.position();
                sink.accept(packed.readVarint(OnnxSchema.TENSOR.describe(value.number())), offset, index++);
            }
        }
        return index;
    }

    private void put(ByteBuffer out, OnnxTensorProto tensor, DType dtype, long value, int offset, long index)
            throws ModelFormatException {
        if (!fits(dtype, value)) {
            throw model.error(offset, "value %d (element %d) of tensor %s is out of range for %s",
                    value, index, tensor.name(), dtype.label());
        }
        switch (dtype.byteSize()) {
            case 1 -> out.put((byte) value);
            case 2 -> out.putShort((short) value);
            case 4 -> out.putInt((int) value);
            default -> out.putLong(value);
        }
    }

    /** Whether a varint is a valid element; 16-bit float patterns are accepted as signed or unsigned. */
    private static boolean fits(DType dtype, long value) {
        return switch (dtype) {
            case BOOL -> value == 0 || value == 1;
            case I8 -> value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE;
            case U8 -> value >= 0 && value <= 0xff;
            case I16 -> value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
            case U16 -> value >= 0 && value <= 0xffff;
            case F16, BF16 -> value >= Short.MIN_VALUE && value <= 0xffff;
            case I32 -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            default -> true;
        };
    }

    private ByteBuffer allocate(OnnxTensorProto tensor, ProtoField first, long bytes) throws ModelFormatException {
        if (bytes > MAX_DECODED_BYTES) {
            throw model.error(first.offset(), "tensor %s keeps %d bytes of values in %s; jaynes decodes at most "
                    + "%d bytes from typed fields (store large tensors in raw_data)", tensor.name(), bytes,
                    OnnxSchema.tensorField(tensor.typedField()), MAX_DECODED_BYTES);
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void checkLength(OnnxTensorProto tensor, ProtoField field, String what, long found, DType dtype,
                             long expected) throws ModelFormatException {
        if (found != expected) {
            throw model.error(field.offset(), "%s of tensor %s has %d bytes, but %s %s needs %d",
                    what, tensor.name(), found, dtype.label(), tensor.shape(), expected);
        }
    }
}
