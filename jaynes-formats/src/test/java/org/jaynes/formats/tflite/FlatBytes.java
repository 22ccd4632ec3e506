package org.jaynes.formats.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes small FlatBuffers for tests, front to back: the root offset, the file identifier, then each
 * table as its vtable followed by its fields, its children after it. After {@link #write} every node
 * knows its position, so tests can name the byte an error should point at, or break that byte.
 */
final class FlatBytes {

    /** A node of the buffer: a table, a vector or a string. */
    abstract static class Node {
        /** Where the node starts once written (a table: its soffset; a vector or string: its length). */
        int position = -1;
    }

    /** A table; fields are added by id and written in id order. */
    static final class Table extends Node {
        private final Map<Integer, Object> fields = new TreeMap<>();
        /** The vtable's position once written. */
        int vtable = -1;

        Table i8(int id, int value) {
            fields.put(id, new byte[] {(byte) value});
            return this;
        }

        Table i32(int id, int value) {
            fields.put(id, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
            return this;
        }

        Table i64(int id, long value) {
            fields.put(id, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
            return this;
        }

        Table ref(int id, Node node) {
            fields.put(id, node);
            return this;
        }
    }

    /** A vector of scalars of {@code size} bytes each, given as their little-endian bytes. */
    static final class Scalars extends Node {
        final int size;
        final byte[] bytes;

        Scalars(int size, byte[] bytes) {
            this.size = size;
            this.bytes = bytes;
        }

        static Scalars bytes(byte... values) {
            return new Scalars(1, values);
        }

        static Scalars ints(int... values) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            Arrays.stream(values).forEach(b::putInt);
            return new Scalars(4, b.array());
        }

        static Scalars longs(long... values) {
            ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            Arrays.stream(values).forEach(b::putLong);
            return new Scalars(8, b.array());
        }

        static Scalars floats(float... values) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                b.putFloat(v);
            }
            return new Scalars(4, b.array());
        }

        static Scalars shorts(int... values) {
            ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            Arrays.stream(values).forEach(v -> b.putShort((short) v));
            return new Scalars(2, b.array());
        }
    }

    /** A vector of tables. */
    static final class Tables extends Node {
        final List<Table> tables;

        Tables(List<Table> tables) {
            this.tables = List.copyOf(tables);
        }

        static Tables of(Table... tables) {
            return new Tables(List.of(tables));
        }
    }

    /** A string. */
    static final class Text extends Node {
        final byte[] bytes;

        Text(String text) {
            this.bytes = text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private ByteBuffer out = ByteBuffer.allocate(1 << 12).order(ByteOrder.LITTLE_ENDIAN);

    private FlatBytes() {
    }

    /** The buffer with {@code root} as its root table and {@code identifier} at bytes 4 to 7. */
    static byte[] write(Table root, String identifier) {
        FlatBytes bytes = new FlatBytes();
        bytes.ensure(8);
        bytes.out.position(4).put(identifier.getBytes(StandardCharsets.ISO_8859_1), 0, 4);
        int at = bytes.node(root);
        bytes.out.putInt(0, at);
        return Arrays.copyOf(bytes.out.array(), bytes.out.position());
    }

    /** Writes a node and its children; returns its position. */
    private int node(Node node) {
        if (node instanceof Table table) {
            return table(table);
        }
        List<Node> children = new ArrayList<>();
        align(8);
        if (node instanceof Scalars scalars) {
            if (scalars.size == 8 && out.position() % 8 == 0) {
                ensure(4);
                out.putInt(0); // padding, so that the elements after the count are 8-aligned
            }
            node.position = out.position();
            ensure(4 + scalars.bytes.length);
            out.putInt(scalars.bytes.length / scalars.size).put(scalars.bytes);
        } else if (node instanceof Text text) {
            node.position = out.position();
            ensure(5 + text.bytes.length);
            out.putInt(text.bytes.length).put(text.bytes).put((byte) 0);
        } else {
            Tables tables = (Tables) node;
            node.position = out.position();
            ensure(4 + 4 * tables.tables.size());
            out.putInt(tables.tables.size());
            for (Table table : tables.tables) {
                out.putInt(0);
                children.add(table);
            }
            for (int i = 0; i < children.size(); i++) {
                int slot = node.position + 4 + 4 * i;
                int child = node(children.get(i)); // before naming out: writing the child may grow it
                out.putInt(slot, child - slot);
            }
        }
        return node.position;
    }

    private int table(Table table) {
        int maxId = table.fields.isEmpty() ? -1 : ((TreeMap<Integer, Object>) table.fields).lastKey();
        int[] offsets = new int[maxId + 1];
        int size = 4;
        for (Map.Entry<Integer, Object> field : table.fields.entrySet()) {
            int width = field.getValue() instanceof byte[] b ? b.length : 4;
            size = (size + width - 1) / width * width;
            offsets[field.getKey()] = size;
            size += width;
        }
        align(2);
        table.vtable = out.position();
        ensure(4 + 2 * offsets.length);
        out.putShort((short) (4 + 2 * offsets.length)).putShort((short) size);
        for (int offset : offsets) {
            out.putShort((short) offset);
        }
        align(8);
        table.position = out.position();
        ensure(size);
        out.putInt(table.position - table.vtable);
        for (Map.Entry<Integer, Object> field : table.fields.entrySet()) {
            if (field.getValue() instanceof byte[] b) {
                out.put(table.position + offsets[field.getKey()], b);
            }
        }
        out.position(table.position + size);
        for (Map.Entry<Integer, Object> field : table.fields.entrySet()) {
            if (field.getValue() instanceof Node child) {
                int slot = table.position + offsets[field.getKey()];
                int written = node(child); // before naming out: writing the child may grow it
                out.putInt(slot, written - slot);
            }
        }
        return table.position;
    }

    private void align(int to) {
        ensure(to);
        while (out.position() % to != 0) {
            out.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (out.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more))
                    .order(ByteOrder.LITTLE_ENDIAN);
            bigger.put(out.array(), 0, out.position());
            out = bigger;
        }
    }
}
