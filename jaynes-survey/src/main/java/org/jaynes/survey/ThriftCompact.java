package org.jaynes.survey;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The Thrift compact protocol, write side, as far as Parquet's page headers and file footer need it:
 * structs of i32, i64, binary, bool, struct and list fields. Each field header is the field id's delta
 * from the previous field of its struct (or the id itself) and a type nibble; integers are zigzag
 * varints; binaries a varint length and the bytes; a list a size-and-element-type header; a struct ends
 * with a zero byte. A value for {@link ParquetTable}, not a general Thrift library.
 */
final class ThriftCompact {

    static final byte BOOLEAN_TRUE = 1;
    static final byte BOOLEAN_FALSE = 2;
    static final byte I32 = 5;
    static final byte I64 = 6;
    static final byte BINARY = 8;
    static final byte LIST = 9;
    static final byte STRUCT = 12;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    /** The last field id written in each open struct, innermost first. */
    private final Deque<Integer> lastFieldIds = new ArrayDeque<>();

    ThriftCompact() {
        lastFieldIds.push(0);
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    ThriftCompact i32(int id, int value) {
        fieldHeader(id, I32);
        varint(zigzag(value));
        return this;
    }

    ThriftCompact i64(int id, long value) {
        fieldHeader(id, I64);
        varint(zigzag(value));
        return this;
    }

    ThriftCompact string(int id, String value) {
        fieldHeader(id, BINARY);
        binary(value);
        return this;
    }

    ThriftCompact bool(int id, boolean value) {
        fieldHeader(id, value ? BOOLEAN_TRUE : BOOLEAN_FALSE);
        return this;
    }

    /** Opens a struct field; close it with {@link #end}. */
    ThriftCompact struct(int id) {
        fieldHeader(id, STRUCT);
        lastFieldIds.push(0);
        return this;
    }

    /** Opens a list field of {@code size} elements of {@code elementType}; write them with the element methods. */
    ThriftCompact list(int id, byte elementType, int size) {
        fieldHeader(id, LIST);
        if (size < 15) {
            bytes.write(size << 4 | elementType);
        } else {
            bytes.write(0xF0 | elementType);
            varint(size);
        }
        return this;
    }

    /** Opens a struct that is an element of a list; close it with {@link #end}. */
    ThriftCompact element() {
        lastFieldIds.push(0);
        return this;
    }

    ThriftCompact elementI32(int value) {
        varint(zigzag(value));
        return this;
    }

    ThriftCompact elementString(String value) {
        binary(value);
        return this;
    }

    /** Ends the innermost open struct. */
    ThriftCompact end() {
        bytes.write(0);
        lastFieldIds.pop();
        return this;
    }

    private void fieldHeader(int id, byte type) {
        int delta = id - lastFieldIds.peek();
        if (delta > 0 && delta <= 15) {
            bytes.write(delta << 4 | type);
        } else {
            bytes.write(type);
            varint(zigzag(id));
        }
        lastFieldIds.pop();
        lastFieldIds.push(id);
    }

    private void binary(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        bytes.write(utf8, 0, utf8.length);
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private void varint(long value) {
        varint(bytes, value);
    }

    /** Writes {@code value} as an unsigned varint: 7 bits a byte, low bits first, the high bit saying more follow. */
    static void varint(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }
}
