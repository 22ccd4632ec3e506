package org.jaynes.formats.tflite;

import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;

/**
 * One table of a {@link FlatBuffer}, its vtable already checked. Fields are addressed by their id (the
 * order of declaration in the schema; a union takes two ids, its type then its value). An absent field
 * reads as its default; a present one must lie inside the table. Immutable.
 */
final class FlatTable {

    private final FlatBuffer buffer;
    private final long position;
    private final long vtable;
    private final int fieldCount;
    private final int tableSize;
    private final String what;

    FlatTable(FlatBuffer buffer, long position, long vtable, int fieldCount, int tableSize, String what) {
        this.buffer = buffer;
        this.position = position;
        this.vtable = vtable;
        this.fieldCount = fieldCount;
        this.tableSize = tableSize;
        this.what = what;
    }

    /** The table's first byte in the buffer. */
    long position() {
        return position;
    }

    /** The file, for messages. */
    Path file() {
        return buffer.file();
    }

    /** What this table is, as messages name it: {@code tensor 3 of subgraph 0}. */
    String what() {
        return what;
    }

    int u8(int id, int defaultValue) throws ModelFormatException {
        long at = field(id, 1);
        return at < 0 ? defaultValue : buffer.u8(at);
    }

    /** A signed byte (the tflite TensorType and dimension formats). */
    int i8(int id, int defaultValue) throws ModelFormatException {
        long at = field(id, 1);
        return at < 0 ? defaultValue : (byte) buffer.u8(at);
    }

    int i32(int id, int defaultValue) throws ModelFormatException {
        long at = field(id, 4);
        return at < 0 ? defaultValue : buffer.i32(at);
    }

    long u32(int id, long defaultValue) throws ModelFormatException {
        long at = field(id, 4);
        return at < 0 ? defaultValue : buffer.u32(at);
    }

    /** A 64-bit field; for an unsigned one, a negative result means at least 2^63. */
    long i64(int id, long defaultValue) throws ModelFormatException {
        long at = field(id, 8);
        return at < 0 ? defaultValue : buffer.i64(at);
    }

    /** The table a reference field points to, or null when the field is absent. */
    FlatTable table(int id, String name) throws ModelFormatException {
        long at = field(id, 4);
        return at < 0 ? null : buffer.table(buffer.reference(at, describe(name)), describe(name));
    }

    /** The vector a reference field points to; an empty one when the field is absent. */
    FlatVector vector(int id, int elementSize, String name) throws ModelFormatException {
        long at = field(id, 4);
        return at < 0
                ? FlatVector.empty(buffer, elementSize)
                : buffer.vector(buffer.reference(at, describe(name)), elementSize, describe(name));
    }

    /** The string a reference field points to, or {@code defaultValue} when the field is absent. */
    String string(int id, String name, String defaultValue) throws ModelFormatException {
        long at = field(id, 4);
        return at < 0 ? defaultValue : buffer.string(buffer.reference(at, describe(name)), describe(name));
    }

    /** An error at this table's first byte. */
    ModelFormatException error(String template, Object... args) {
        return buffer.error(position, template, args);
    }

    private String describe(String name) {
        return what + " " + name;
    }

    /** The 16-bit offset of field {@code id} in the vtable, 0 when absent. */
    private int slot(int id) {
        return id < fieldCount ? buffer.u16(vtable + 4 + 2L * id) : 0;
    }

    /** The position of field {@code id}, checked to hold {@code size} bytes inside the table; -1 if absent. */
    private long field(int id, int size) throws ModelFormatException {
        int offset = slot(id);
        if (offset == 0) {
            return -1;
        }
        if (offset < 4 || offset + size > tableSize) {
            throw buffer.error(position, FlatBuffer.FIELD_OUTSIDE, what, id, size, offset, tableSize);
        }
        return position + offset;
    }
}
