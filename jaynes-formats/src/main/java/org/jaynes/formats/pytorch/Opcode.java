package org.jaynes.formats.pytorch;

import java.util.Locale;

/**
 * The pickle opcodes (protocols 0 to 5), by byte, with the names {@code pickletools} gives them, so
 * that an error can say which opcode it met. {@link #supported()} tells the ones {@link Unpickler}
 * interprets: those {@code torch.save} writes and the plain containers around them. The others
 * (extension registry, out-of-band buffers, the text protocol's numbers and strings) are refused.
 *
 * @see <a href="https://github.com/python/cpython/blob/main/Lib/pickletools.py">pickletools</a>
 */
enum Opcode {
    MARK('(', true), STOP('.', true), POP('0', true), POP_MARK('1', true), DUP('2', true),
    FLOAT('F', false), INT('I', false), BININT('J', true), BININT1('K', true), LONG('L', false),
    BININT2('M', true), NONE('N', true), PERSID('P', false), BINPERSID('Q', true), REDUCE('R', true),
    STRING('S', false), BINSTRING('T', true), SHORT_BINSTRING('U', true), UNICODE('V', false),
    BINUNICODE('X', true), APPEND('a', true), BUILD('b', true), GLOBAL('c', true), DICT('d', true),
    EMPTY_DICT('}', true), APPENDS('e', true), GET('g', false), BINGET('h', true), INST('i', true),
    LONG_BINGET('j', true), LIST('l', true), EMPTY_LIST(']', true), OBJ('o', true), PUT('p', false),
    BINPUT('q', true), LONG_BINPUT('r', true), SETITEM('s', true), TUPLE('t', true),
    EMPTY_TUPLE(')', true), SETITEMS('u', true), BINFLOAT('G', true),
    PROTO(0x80, true), NEWOBJ(0x81, true), EXT1(0x82, false), EXT2(0x83, false), EXT4(0x84, false),
    TUPLE1(0x85, true), TUPLE2(0x86, true), TUPLE3(0x87, true), NEWTRUE(0x88, true),
    NEWFALSE(0x89, true), LONG1(0x8a, true), LONG4(0x8b, true),
    BINBYTES('B', true), SHORT_BINBYTES('C', true),
    SHORT_BINUNICODE(0x8c, true), BINUNICODE8(0x8d, true), BINBYTES8(0x8e, true),
    EMPTY_SET(0x8f, false), ADDITEMS(0x90, false), FROZENSET(0x91, false), NEWOBJ_EX(0x92, false),
    STACK_GLOBAL(0x93, true), MEMOIZE(0x94, true), FRAME(0x95, true),
    BYTEARRAY8(0x96, false), NEXT_BUFFER(0x97, false), READONLY_BUFFER(0x98, false);

    private static final Opcode[] BY_CODE = new Opcode[256];

    static {
        for (Opcode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    private final int code;
    private final boolean supported;

    Opcode(int code, boolean supported) {
        this.code = code;
        this.supported = supported;
    }

    /** The opcode a byte stands for, or null when no pickle protocol defines it. */
    static Opcode of(int code) {
        return BY_CODE[code & 0xff];
    }

    /** Whether {@link Unpickler} interprets this opcode. */
    boolean supported() {
        return supported;
    }

    /** {@code REDUCE (0x52)}, as messages name an opcode. */
    String describe() {
        return String.format(Locale.ROOT, "%s (0x%02x)", name(), code);
    }
}
