package org.jaynes.formats.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes GGUF bytes field by field, for files the reference writer would never produce. Marks name
 * byte offsets, so a test can say where an error must point.
 */
final class GgufBytes {

    static final int STRING = 8;
    static final int ARRAY = 9;
    static final int UINT32 = 4;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> marks = new HashMap<>();

    /** A header opening: magic, version, tensor count, pair count. */
    static GgufBytes header(int version, long tensors, long pairs) {
        return new GgufBytes().raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(version).u64(tensors).u64(pairs);
    }

    GgufBytes mark(String name) {
        marks.put(name, out.size());
        return this;
    }

    int at(String name) {
        return marks.get(name);
    }

    int size() {
        return out.size();
    }

    GgufBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    GgufBytes u8(int value) {
        out.write(value);
        return this;
    }

    GgufBytes u32(long value) {
        return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
    }

    GgufBytes u64(long value) {
        return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    GgufBytes string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return u64(bytes.length).raw(bytes);
    }

    /** A metadata pair holding a string. */
    GgufBytes stringPair(String key, String value) {
        return string(key).u32(STRING).string(value);
    }

    /** A metadata pair holding a u32. */
    GgufBytes u32Pair(String key, long value) {
        return string(key).u32(UINT32).u32(value);
    }

    /** A tensor info; {@code dims} innermost first, as GGUF stores them. */
    GgufBytes tensor(String name, int type, long offset, long... dims) {
        string(name).u32(dims.length);
        for (long d : dims) {
            u64(d);
        }
        return u32(type).u64(offset);
    }

    /** Zeros up to the next multiple of {@code alignment}. */
    GgufBytes align(int alignment) {
        while (out.size() % alignment != 0) {
            out.write(0);
        }
        return this;
    }

    GgufBytes zeros(int count) {
        return raw(new byte[count]);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
