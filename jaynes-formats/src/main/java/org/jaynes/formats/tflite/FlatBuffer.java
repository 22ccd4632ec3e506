package org.jaynes.formats.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;

/**
 * A FlatBuffers buffer read without a library, every reference checked before it is followed.
 *
 * <p>The layout (see the FlatBuffers "internals" document): all integers little-endian; the buffer
 * starts with a 32-bit unsigned offset to the root table; a table starts with a signed 32-bit offset
 * back to its vtable ({@code vtable = table - soffset}); a vtable is a 16-bit vtable size in bytes, a
 * 16-bit table size in bytes, then one 16-bit offset per field from the table's start (0 when the field
 * is absent, so it takes its default); a reference field holds an unsigned 32-bit offset from the
 * field's own position to a table, vector or string; a vector is a 32-bit element count followed by the
 * elements (a vector of tables holds one such offset per element); a string is a vector of bytes.
 *
 * <p>Checks: every position is inside the buffer; a vtable has an even size of at least 4 bytes and lies
 * inside the buffer; a table lies inside the buffer and every field read lies inside its table; a
 * vector's elements fit in the bytes after its count. Positions are {@code long} so sums cannot wrap. A
 * hostile buffer can therefore make a reader read only bytes of the buffer, each a bounded number of
 * times per reference it follows. Thread-safe for reading: every access is absolute.
 *
 * @see <a href="https://flatbuffers.dev/internals/">FlatBuffers internals</a>
 */
final class FlatBuffer {

    static final String OUTSIDE = "%s points to byte %d, outside the %d-byte flatbuffer";
    static final String BAD_VTABLE = "%s: its vtable at byte %d is malformed: %s";
    static final String TABLE_OUTSIDE = "%s: its table of %d bytes at byte %d passes the end of the flatbuffer";
    static final String FIELD_OUTSIDE = "%s: field %d (%d bytes at table offset %d) lies outside its %d-byte table";
    static final String VECTOR_TOO_LONG = "%s: a vector of %d elements of %d bytes does not fit in the %d bytes left";
    static final String STRING_TOO_LONG = "%s: a string of %d bytes is longer than the limit of %d";

    /** The longest string read, in bytes: names in real models are a few hundred bytes at most. */
    static final int MAX_STRING = 1 << 16;

    private final Path file;
    private final ByteBuffer bytes;
    private final long size;

    /**
     * @param file  the file, for messages
     * @param bytes the flatbuffer, from its position 0 to its limit
     */
    FlatBuffer(Path file, ByteBuffer bytes) {
        this.file = file;
        this.bytes = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.size = this.bytes.limit();
    }

    long size() {
        return size;
    }

    /** The file, for messages. */
    Path file() {
        return file;
    }

    /** The table the buffer's first four bytes point to. */
    FlatTable root(String what) throws ModelFormatException {
        return table(reference(0, what), what);
    }

    /** The table at {@code at}, its vtable checked. */
    FlatTable table(long at, String what) throws ModelFormatException {
        check(at, 4, what);
        long vtable = at - bytes.getInt((int) at);
        if (vtable < 0 || vtable > size - 4) {
            throw error(at, OUTSIDE, what + "'s vtable offset", vtable, size);
        }
        int vtableSize = u16(vtable);
        int tableSize = u16(vtable + 2);
        if (vtableSize < 4 || vtableSize % 2 != 0 || vtable + vtableSize > size) {
            throw error(at, BAD_VTABLE, what, vtable, "its size is " + vtableSize + " bytes");
        }
        if (tableSize < 4) {
            throw error(at, BAD_VTABLE, what, vtable, "it gives the table " + tableSize + " bytes, fewer than 4");
        }
        if (at + tableSize > size) {
            throw error(at, TABLE_OUTSIDE, what, tableSize, at);
        }
        return new FlatTable(this, at, vtable, (vtableSize - 4) / 2, tableSize, what);
    }

    /** Follows the unsigned 32-bit offset stored at {@code at}; the target is checked to be in the buffer. */
    long reference(long at, String what) throws ModelFormatException {
        check(at, 4, what);
        long target = at + u32(at);
        if (target >= size) {
            throw error(at, OUTSIDE, what, target, size);
        }
        return target;
    }

    /** The vector at {@code at} whose elements take {@code elementSize} bytes each. */
    FlatVector vector(long at, int elementSize, String what) throws ModelFormatException {
        check(at, 4, what);
        long length = u32(at);
        long left = size - at - 4;
        if (length * elementSize > left) {
            throw error(at, VECTOR_TOO_LONG, what, length, elementSize, left);
        }
        return new FlatVector(this, at + 4, (int) length, elementSize);
    }

    /** The string at {@code at}, UTF-8 with malformed bytes replaced. */
    String string(long at, String what) throws ModelFormatException {
        FlatVector chars = vector(at, 1, what);
        if (chars.length() > MAX_STRING) {
            throw error(at, STRING_TOO_LONG, what, chars.length(), MAX_STRING);
        }
        byte[] text = new byte[chars.length()];
        bytes.get((int) chars.start(), text);
        return new String(text, StandardCharsets.UTF_8);
    }

    int u8(long at) {
        return bytes.get((int) at) & 0xff;
    }

    int u16(long at) {
        return bytes.getShort((int) at) & 0xffff;
    }

    int i32(long at) {
        return bytes.getInt((int) at);
    }

    long u32(long at) {
        return bytes.getInt((int) at) & 0xffff_ffffL;
    }

    long i64(long at) {
        return bytes.getLong((int) at);
    }

    float f32(long at) {
        return bytes.getFloat((int) at);
    }

    /** A read-only little-endian view of {@code length} bytes at {@code at}, which the caller checked. */
    ByteBuffer slice(long at, int length) {
        return bytes.slice((int) at, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    ModelFormatException error(long offset, String template, Object... args) {
        return ModelFormatException.at(file, offset, template, args);
    }

    private void check(long at, int length, String what) throws ModelFormatException {
        if (at < 0 || at > size - length) {
            throw error(Math.max(0, Math.min(at, size)), OUTSIDE, what, at, size);
        }
    }
}
