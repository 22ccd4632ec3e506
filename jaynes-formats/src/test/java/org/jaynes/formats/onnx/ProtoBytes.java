package org.jaynes.formats.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes protobuf bytes for tests, including broken ones, and remembers named offsets ("marks") so a
 * test knows the absolute offset an error must name, however deep the mark sits in nested messages.
 */
final class ProtoBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> marks = new HashMap<>();

    ProtoBytes tag(int field, int wireType) {
        return rawVarint(((long) field << 3) | wireType);
    }

    ProtoBytes rawVarint(long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    ProtoBytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    ProtoBytes varint(int field, long value) {
        return tag(field, 0).rawVarint(value);
    }

    ProtoBytes fixed32(int field, int bits) {
        tag(field, 5);
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i));
        }
        return this;
    }

    ProtoBytes bytes(int field, byte[] payload) {
        tag(field, 2).rawVarint(payload.length);
        out.writeBytes(payload);
        return this;
    }

    ProtoBytes string(int field, String text) {
        return bytes(field, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A nested message; its marks move to their absolute place in this message. */
    ProtoBytes message(int field, ProtoBytes message) {
        tag(field, 2).rawVarint(message.size());
        int start = size();
        message.marks.forEach((name, offset) -> marks.put(name, start + offset));
        out.writeBytes(message.toByteArray());
        return this;
    }

    /** Remembers the current offset under a name. */
    ProtoBytes mark(String name) {
        marks.put(name, size());
        return this;
    }

    int offset(String mark) {
        Integer offset = marks.get(mark);
        if (offset == null) {
            throw new IllegalArgumentException("no mark " + mark);
        }
        return offset;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A ModelProto around a graph: ir_version 8, then field 7. */
    static ProtoBytes model(ProtoBytes graph) {
        return new ProtoBytes().varint(1, 8).mark("graph").message(7, graph);
    }

    /** A GraphProto with the given initializers. */
    static ProtoBytes graphOf(ProtoBytes... initializers) {
        ProtoBytes graph = new ProtoBytes().string(2, "g");
        for (ProtoBytes initializer : initializers) {
            graph.message(5, initializer);
        }
        return graph;
    }
}
