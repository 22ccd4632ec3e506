package org.jaynes.formats.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;

/**
 * Reads the fields of one protobuf message, in wire order, from bytes {@code [start, end)} of a buffer
 * that holds the whole file, so every field knows its absolute byte offset.
 *
 * <p>It decodes the wire format only: varints (at most 10 bytes), fixed32, fixed64 and
 * length-delimited fields, whose payload is not copied but handed out as a nested scanner, a string
 * or a read-only slice. Unknown fields are skipped by the caller simply by not looking at them. Every
 * malformed input (a varint longer than 10 bytes or cut off, a field running past the end of its
 * message, field number 0, a group or an undefined wire type, a field with the wrong wire type) is a
 * {@link ModelFormatException} naming the file, the offset and the field; the scanner never reads
 * outside {@code [start, end)}.
 *
 * <p>Not thread-safe: a scanner is a cursor. Scanners over the same buffer are independent.
 */
final class ProtoScanner {

    /** A 64-bit value takes at most 10 varint bytes (7 bits each). */
    static final int MAX_VARINT_BYTES = 10;

    /** Field numbers are 29-bit. */
    private static final long MAX_FIELD_NUMBER = (1L << 29) - 1;

    private final Path file;
    private final ByteBuffer bytes;
    private final ProtoMessageType type;
    private final int end;
    private int position;

    private ProtoScanner(Path file, ByteBuffer bytes, ProtoMessageType type, int start, int end) {
        this.file = file;
        this.bytes = bytes;
        this.type = type;
        this.position = start;
        this.end = end;
    }

    /** A scanner over the whole buffer (position 0 to its limit) as one message of the given type. */
    static ProtoScanner of(Path file, ByteBuffer buffer, ProtoMessageType type) {
        ByteBuffer bytes = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new ProtoScanner(file, bytes, type, 0, bytes.limit());
    }

    Path file() {
        return file;
    }

    ProtoMessageType type() {
        return type;
    }

    /** Offset of the next byte to read. */
    int position() {
        return position;
    }

    /** Whether bytes remain in this message. */
    boolean hasNext() {
        return position < end;
    }

    /** Reads the next field's tag and value, or skips its payload if length-delimited. */
    ProtoField next() throws ModelFormatException {
        int offset = position;
        long tag = readVarint("a field tag in " + type.name());
        long number = tag >>> 3;
        if (number == 0 || number > MAX_FIELD_NUMBER) {
            throw error(offset, "invalid field number %d in %s", number, type.name());
        }
        int field = (int) number;
        int code = (int) (tag & 7);
        WireType wireType = WireType.of(code);
        if (wireType == null) {
            throw error(offset, code == 3 || code == 4
                    ? "%s has wire type %d (group): groups are not supported"
                    : "%s has invalid wire type %d", type.describe(field), code);
        }
        int valueOffset = position;
        switch (wireType) {
            case VARINT:
                long value = readVarint(type.describe(field));
                return new ProtoField(field, wireType, offset, valueOffset, value, position - valueOffset);
            case FIXED64:
                require(offset, field, 8);
                position += 8;
                return new ProtoField(field, wireType, offset, valueOffset, bytes.getLong(valueOffset), 8);
            case FIXED32:
                require(offset, field, 4);
                position += 4;
                return new ProtoField(field, wireType, offset, valueOffset, bytes.getInt(valueOffset), 4);
            default:
                long length = readVarint("the length of " + type.describe(field));
                int payload = position;
                // a length is unsigned: one past 2^63 is negative here, and its low 32 bits may look small
                if (length < 0 || length > end - payload) {
                    throw error(offset, "%s needs %s bytes, only %d left", type.describe(field),
                            Long.toUnsignedString(length), end - payload);
                }
                position += (int) length;
                return new ProtoField(field, wireType, offset, payload, 0, (int) length);
        }
    }

    /** The varint value of a field, checking its wire type. */
    long varint(ProtoField field) throws ModelFormatException {
        expect(field, WireType.VARINT);
        return field.value();
    }

    /** A length-delimited field's payload as UTF-8 text (malformed sequences become U+FFFD). */
    String string(ProtoField field) throws ModelFormatException {
        expect(field, WireType.LENGTH_DELIMITED);
        byte[] text = new byte[field.length()];
        bytes.get(field.valueOffset(), text);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** A scanner over a length-delimited field's payload, read as a message of the given type. */
    ProtoScanner message(ProtoField field, ProtoMessageType messageType) throws ModelFormatException {
        expect(field, WireType.LENGTH_DELIMITED);
        return new ProtoScanner(file, bytes, messageType, field.valueOffset(), field.end());
    }

    /** A read-only little-endian view of a length-delimited field's payload; nothing is copied. */
    ByteBuffer slice(ProtoField field) throws ModelFormatException {
        expect(field, WireType.LENGTH_DELIMITED);
        return bytes.slice(field.valueOffset(), field.length()).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads one varint at the current position, as packed repeated fields store them back to back.
     *
     * @param what the value's description for errors, such as {@code "field 5 (int32_data) of TensorProto"}
     */
    long readVarint(String what) throws ModelFormatException {
        int start = position;
        long result = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            if (position >= end) {
                throw error(start, "varint of %s is cut off after %d bytes by the end of %s", what, i, type.name());
            }
            byte b = bytes.get(position++);
            result |= (long) (b & 0x7f) << (7 * i);
            if (b >= 0) {
                return result;
            }
        }
        throw error(start, "broken varint of %s: longer than %d bytes", what, MAX_VARINT_BYTES);
    }

    /** Checks a field's wire type. */
    void expect(ProtoField field, WireType wireType) throws ModelFormatException {
        if (field.wireType() != wireType) {
            throw error(field.offset(), "%s has wire type %s, expected %s", type.describe(field.number()),
                    field.wireType().label(), wireType.label());
        }
    }

    /** An error at an absolute offset of this scanner's file. */
    ModelFormatException error(long offset, String template, Object... args) {
        return ModelFormatException.at(file, offset, template, args);
    }

    private void require(int fieldOffset, int field, int count) throws ModelFormatException {
        if (end - position < count) {
            throw error(fieldOffset, "%s needs %d bytes, only %d left", type.describe(field), count, end - position);
        }
    }
}
