package org.jaynes.formats.pytorch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a pickle opcode by opcode, as {@code torch.save} would, so that tests can make any pickle,
 * broken or hostile, without Python. {@link #size()} gives the offset the next opcode will have, and
 * {@link #at(String)} the offset of a named opcode: {@code "persid"} (the storage's BINPERSID) and
 * {@code "rebuild"} (the tensor's REDUCE) in the helpers below.
 */
final class PickleBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> marks = new HashMap<>();

    /** A pickle opening with {@code PROTO 2}, as torch.save writes. */
    static PickleBytes protocol2() {
        return new PickleBytes().op(0x80).raw(2);
    }

    /** A state dict {@code {name: tensor}} holding one float32 view of storage "0", and the STOP. */
    static PickleBytes stateDict(String name, String storageType, long numel, long offset, long[] size,
            long[] stride) {
        return protocol2().op('}').op('(').unicode(name)
                .tensorV2(storageType, "0", numel, offset, size, stride).op('u').op('.');
    }

    PickleBytes op(int code) {
        out.write(code);
        return this;
    }

    PickleBytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    /** {@code GLOBAL module name}. */
    PickleBytes global(String module, String name) {
        op('c');
        byte[] text = (module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(text, 0, text.length);
        return this;
    }

    /** {@code BINUNICODE}. */
    PickleBytes unicode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        op('X').int32(utf8.length);
        out.write(utf8, 0, utf8.length);
        return this;
    }

    /** The smallest integer opcode for a non-negative value below 2^31, or BININT for a negative one. */
    PickleBytes integer(long value) {
        if (value >= 0 && value < 256) {
            return op('K').raw((int) value);
        }
        if (value >= 0 && value < 65536) {
            return op('M').raw((int) value & 0xff, (int) value >>> 8);
        }
        return op('J').int32((int) value);
    }

    PickleBytes int32(int value) {
        return raw(value & 0xff, value >>> 8 & 0xff, value >>> 16 & 0xff, value >>> 24 & 0xff);
    }

    /** A tuple of integers. */
    PickleBytes ints(long... values) {
        op('(');
        for (long v : values) {
            integer(v);
        }
        return op('t');
    }

    /** {@code ('storage', torch.<type>, key, 'cpu', numel)} and {@code BINPERSID}. */
    PickleBytes storage(String type, String key, long numel) {
        return op('(').unicode("storage").global("torch", type).unicode(key).unicode("cpu").integer(numel).op('t')
                .mark("persid").op('Q');
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())}. */
    PickleBytes tensorV2(String storageType, String key, long numel, long offset, long[] size, long[] stride) {
        return global("torch._utils", "_rebuild_tensor_v2").op('(')
                .storage(storageType, key, numel).integer(offset).ints(size).ints(stride).op(0x89)
                .global("collections", "OrderedDict").op(')').op('R')
                .op('t').mark("rebuild").op('R');
    }

    /** Names the offset of the next opcode. */
    PickleBytes mark(String name) {
        marks.put(name, out.size());
        return this;
    }

    /** The offset a {@link #mark(String)} named. */
    int at(String name) {
        return marks.get(name);
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
