package org.jaynes.formats.pytorch;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jaynes.formats.ModelFormatException;

/**
 * A pickle virtual machine that runs no code: it builds the {@link Pickled} values a pickle describes
 * and refuses, at the opcode that names it, any global outside {@link TorchGlobal}'s allow-list.
 * Example: {@code Object root = Unpickler.load(new PickleFile(file, "archive/data.pkl", 64), bytes);}
 *
 * <p>It reads the opcodes of protocols 2 to 5 that {@code torch.save} and the plain containers around
 * it need (see {@link Opcode#supported()}); the calls a pickle makes ({@code REDUCE}, {@code NEWOBJ},
 * {@code INST}, {@code OBJ}), its persistent ids and its {@code BUILD}s go to {@link TorchCalls}, which
 * understands only tensor rebuilding and {@code OrderedDict}. Every error is a
 * {@link ModelFormatException} naming the pickle byte of the opcode.
 *
 * <p>A hostile pickle cannot make it use unbounded memory or time: every opcode consumes at least one
 * input byte; the stack, the mark stack, the memo and string lengths are bounded (the constants
 * below); and every push ({@code DUP} and the memo's {@code GET}s
 * included), memo store and element a container grows by is charged to one memory budget
 * ({@link #MAX_BUDGET}). Values are never hashed or compared, so self-referencing
 * containers are harmless. Not thread-safe; one instance reads one pickle.
 *
 * @see <a href="https://peps.python.org/pep-3154/">PEP 3154, pickle protocol 4</a>
 */
final class Unpickler {

    static final int MAX_STACK = 1_000_000;
    static final int MAX_MARKS = 10_000;
    static final int MAX_MEMO = 2_000_000;
    /**
     * The budget, in estimated heap bytes, of everything the pickle makes the machine hold: each push
     * onto the stack and each element a container grows by costs {@link #REFERENCE}, each memo store
     * {@link #MEMO_ENTRY}, each value built {@link #OBJECT} plus its payload (two bytes a character of a
     * str, one a byte of bytes). Charged cumulatively and never refunded, so it also bounds the work.
     * A state dict of 100,000 memoised 2-d tensors (a 19 MB pickle) charges about 108 MiB (tested), while
     * a 64 MB pickle of {@code DUP}/{@code APPEND} pairs would charge 512 MiB: this one is refused halfway.
     */
    static final long MAX_BUDGET = 256L << 20;
    static final int REFERENCE = 8;
    static final int MEMO_ENTRY = 64;
    static final int OBJECT = 32;
    static final int MAX_STRING = 16 << 20;
    static final int MAX_LONG_BYTES = 1024;
    static final int MAX_GLOBAL_NAME = 1024;
    static final int HIGHEST_PROTOCOL = 5;

    static final String UNKNOWN_OPCODE = "unknown pickle opcode 0x%02x";
    static final String UNSUPPORTED_OPCODE = "pickle opcode %s is not supported in a checkpoint";
    static final String NO_STOP = "the pickle ends without a STOP opcode";
    static final String TRUNCATED = "%s needs %d more bytes, only %d left";
    static final String PROTOCOL = "pickle protocol %d is newer than %d";
    static final String STACK_EMPTY = "%s needs a value on the stack, the stack is empty";
    static final String NO_MARK = "%s needs a MARK, there is none";
    static final String TOO_DEEP = "more than %d values on the stack or %d open MARKs";
    static final String OVER_BUDGET = "%s goes over the pickle's memory budget of %d MiB "
            + "(values pushed, memoised and held in containers)";
    static final String MEMO_FULL = "the memo holds more than %d values";
    static final String NO_MEMO = "%s of memo entry %d, which was never stored";
    static final String TOO_LONG = "%s of %d bytes is over the limit of %d";
    static final String WRONG_TYPE = "%s needs a %s, found a %s";
    static final String ODD_ITEMS = "%s needs key-value pairs, found %d values";
    static final String BAD_GLOBAL_NAME = "%s names a global without a newline-terminated module and name";
    static final String FORBIDDEN = "the pickle names the global %s, which is not on the allow-list "
            + "(tensor rebuild functions, torch storage and dtype types, collections.OrderedDict); "
            + "nothing was run%s";

    private final PickleFile source;
    private final byte[] bytes;
    private final List<Object> stack = new ArrayList<>();
    private int[] marks = new int[16];
    private int markCount;
    private final Map<Long, Object> memo = new HashMap<>();
    private int position;
    private int opcodeAt;
    private Opcode opcode;
    private long charged;
    private boolean ranOut;
    private final List<Pickled.Storage> storages = new ArrayList<>();

    private Unpickler(PickleFile source, byte[] bytes, long charged) {
        this.source = source;
        this.bytes = bytes;
        this.charged = charged;
    }

    /**
     * A pickle read from the start of {@code bytes} to its {@code STOP}, as one of the pickles a legacy
     * {@code torch.save} file holds one after another.
     *
     * @param value    the value it describes
     * @param length   its bytes, {@code STOP} included: where the next pickle starts
     * @param storages every storage its persistent ids loaded, in pickle order, whether or not the value
     *                 still holds it (a legacy file stores the bytes of each)
     * @param charged  the budget charged so far, this pickle included
     */
    record Loaded(Object value, int length, List<Pickled.Storage> storages, long charged) {
    }

    /** The value a pickle describes. */
    static Object load(PickleFile source, byte[] bytes) throws ModelFormatException {
        return new Unpickler(source, bytes, 0).run();
    }

    /**
     * The pickle at the start of {@code bytes}, which may go on past its {@code STOP}; empty when it runs
     * past the end of {@code bytes} and {@code more} says the file holds more to read. The budget
     * ({@link #MAX_BUDGET}) is shared with the pickles read before, which charged {@code charged}.
     */
    static Optional<Loaded> loadPrefix(PickleFile source, byte[] bytes, boolean more, long charged)
            throws ModelFormatException {
        Unpickler unpickler = new Unpickler(source, bytes, charged);
        try {
            Object value = unpickler.run();
            return Optional.of(new Loaded(value, unpickler.position, List.copyOf(unpickler.storages),
                    unpickler.charged));
        } catch (ModelFormatException e) {
            if (more && unpickler.ranOut) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The bytes of {@link #MAX_BUDGET} a pickle charges, read to its STOP: how near a checkpoint comes. */
    static long charged(PickleFile source, byte[] bytes) throws ModelFormatException {
        Unpickler unpickler = new Unpickler(source, bytes, 0);
        unpickler.run();
        return unpickler.charged;
    }

    private Object run() throws ModelFormatException {
        while (position < bytes.length) {
            opcodeAt = position;
            int code = bytes[position++] & 0xff;
            opcode = Opcode.of(code);
            if (opcode == null) {
                throw error(UNKNOWN_OPCODE, code);
            }
            if (!opcode.supported()) {
                throw error(UNSUPPORTED_OPCODE, opcode.describe());
            }
            if (opcode == Opcode.STOP) {
                return pop();
            }
            step();
        }
        opcodeAt = bytes.length;
        ranOut = true;
        throw error(NO_STOP);
    }

    private void step() throws ModelFormatException {
        switch (opcode) {
            case PROTO -> {
                int protocol = unsigned(1);
                if (protocol > HIGHEST_PROTOCOL) {
                    throw error(PROTOCOL, protocol, HIGHEST_PROTOCOL);
                }
            }
            case FRAME -> length(8, Integer.MAX_VALUE); // a frame only hints at buffering; opcodes run on
            case MARK -> mark();
            case POP -> {
                if (markCount > 0 && marks[markCount - 1] == stack.size()) {
                    markCount--;
                } else {
                    pop();
                }
            }
            case POP_MARK -> popMark();
            case DUP -> push(peek());
            case NONE -> push(Pickled.NONE);
            case NEWTRUE -> push(Boolean.TRUE);
            case NEWFALSE -> push(Boolean.FALSE);
            case BININT -> pushNew((long) (int) littleEndian(4));
            case BININT1 -> pushNew((long) unsigned(1));
            case BININT2 -> pushNew((long) unsigned(2));
            case LONG1 -> pushNew(integer(take(unsigned(1))));
            case LONG4 -> pushNew(integer(take(length(4, MAX_LONG_BYTES))));
            case BINFLOAT -> pushNew(Double.longBitsToDouble(bigEndian(8)));
            case BINUNICODE -> pushNew(utf8(length(4, MAX_STRING)));
            case SHORT_BINUNICODE -> pushNew(utf8(unsigned(1)));
            case BINUNICODE8 -> pushNew(utf8(length(8, MAX_STRING)));
            case BINSTRING -> pushNew(utf8(length(4, MAX_STRING)));
            case SHORT_BINSTRING -> pushNew(utf8(unsigned(1)));
            case BINBYTES -> pushNew(take(length(4, MAX_STRING)));
            case SHORT_BINBYTES -> pushNew(take(unsigned(1)));
            case BINBYTES8 -> pushNew(take(length(8, MAX_STRING)));
            case EMPTY_TUPLE -> pushNew(new Pickled.Tuple(List.of()));
            case TUPLE1 -> pushNew(new Pickled.Tuple(grow(popItems(1))));
            case TUPLE2 -> pushNew(new Pickled.Tuple(grow(popItems(2))));
            case TUPLE3 -> pushNew(new Pickled.Tuple(grow(popItems(3))));
            case TUPLE -> pushNew(new Pickled.Tuple(grow(popMark())));
            case EMPTY_LIST -> pushNew(new Pickled.PyList());
            case LIST -> {
                Pickled.PyList list = new Pickled.PyList();
                list.items.addAll(grow(popMark()));
                pushNew(list);
            }
            case APPEND -> {
                Object value = pop();
                Pickled.PyList list = expect(peek(), Pickled.PyList.class, "list");
                charge(REFERENCE);
                list.items.add(value);
            }
            case APPENDS -> {
                List<Object> values = popMark();
                Pickled.PyList list = expect(peek(), Pickled.PyList.class, "list");
                list.items.addAll(grow(values));
            }
            case EMPTY_DICT -> pushNew(new Pickled.Dict());
            case DICT -> {
                Pickled.Dict dict = new Pickled.Dict();
                putAll(dict, popMark());
                pushNew(dict);
            }
            case SETITEM -> {
                Object value = pop();
                Object key = pop();
                Pickled.Dict dict = expect(peek(), Pickled.Dict.class, "dict");
                charge(2L * REFERENCE);
                dict.put(key, value);
            }
            case SETITEMS -> {
                List<Object> items = popMark();
                putAll(expect(peek(), Pickled.Dict.class, "dict"), items);
            }
            case BINPUT -> store(unsigned(1));
            case LONG_BINPUT -> store(littleEndian(4));
            case MEMOIZE -> store(memo.size());
            case BINGET -> fetch(unsigned(1));
            case LONG_BINGET -> fetch(littleEndian(4));
            case GLOBAL -> push(global(line(), line()));
            case STACK_GLOBAL -> {
                String name = expect(pop(), String.class, "str");
                String module = expect(pop(), String.class, "str");
                push(global(module, name));
            }
            case INST -> {
                TorchGlobal callable = global(line(), line());
                pushCalled(TorchCalls.call(source, opcodeAt, callable, new Pickled.Tuple(grow(popMark()))));
            }
            case OBJ -> {
                List<Object> items = grow(popMark());
                if (items.isEmpty()) {
                    throw error(STACK_EMPTY, opcode.describe());
                }
                Pickled.Tuple args = new Pickled.Tuple(items.subList(1, items.size()));
                pushCalled(TorchCalls.call(source, opcodeAt, items.get(0), args));
            }
            case REDUCE -> {
                Pickled.Tuple args = expect(pop(), Pickled.Tuple.class, "tuple");
                pushCalled(TorchCalls.call(source, opcodeAt, pop(), args));
            }
            case NEWOBJ -> {
                Pickled.Tuple args = expect(pop(), Pickled.Tuple.class, "tuple");
                pushCalled(TorchCalls.instantiate(source, opcodeAt, pop(), args));
            }
            case BUILD -> {
                Object state = pop();
                TorchCalls.build(source, opcodeAt, peek(), state);
            }
            case BINPERSID -> {
                Pickled.Storage storage = TorchCalls.persistentLoad(source, opcodeAt, pop());
                storages.add(storage);
                pushNew(storage);
            }
            default -> throw error(UNSUPPORTED_OPCODE, opcode.describe());
        }
    }

    private TorchGlobal global(String module, String name) throws ModelFormatException {
        TorchGlobal allowed = TorchGlobal.resolve(module, name);
        if (allowed == null) {
            throw error(FORBIDDEN, module + "." + name, hint(module));
        }
        return allowed;
    }

    /** What a user may have done to meet a forbidden global. */
    private static String hint(String module) {
        if (module.startsWith("__torch__")) {
            return " (a TorchScript archive: save the module's state_dict() with torch.save instead)";
        }
        if (module.startsWith("torch.nn.modules") || module.equals("__main__")) {
            return " (a whole module was saved: save its state_dict() instead)";
        }
        return "";
    }

    private void putAll(Pickled.Dict dict, List<Object> items) throws ModelFormatException {
        if (items.size() % 2 != 0) {
            throw error(ODD_ITEMS, opcode.describe(), items.size());
        }
        grow(items);
        for (int i = 0; i < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
        }
    }

    private <T> T expect(Object value, Class<T> type, String kind) throws ModelFormatException {
        if (!type.isInstance(value)) {
            throw error(WRONG_TYPE, opcode.describe(), kind, Pickled.kind(value));
        }
        return type.cast(value);
    }

    // --- the stack, marks and memo

    /** Pushes a value, new or not ({@code DUP}, {@code BINGET}, a global), charging a reference. */
    private void push(Object value) throws ModelFormatException {
        if (stack.size() >= MAX_STACK) {
            throw error(TOO_DEEP, MAX_STACK, MAX_MARKS);
        }
        charge(REFERENCE);
        stack.add(value);
    }

    /** Pushes a value the pickle just built, charging the value itself too. */
    private void pushNew(Object value) throws ModelFormatException {
        charge(OBJECT + payload(value));
        if (value instanceof Pickled.Dict dict && dict.at < 0) {
            dict.at = opcodeAt;
        }
        push(value);
    }

    /**
     * Pushes what a call returned, charging the value and one reference for each element of a container
     * it returns: {@code OrderedDict(pairs)} copies its argument, so repeated calls must not be free.
     */
    private void pushCalled(Object value) throws ModelFormatException {
        if (value instanceof Pickled.Dict dict) {
            charge(2L * REFERENCE * dict.keys.size());
        } else if (value instanceof Pickled.PyList list) {
            grow(list.items);
        } else if (value instanceof Pickled.Tuple tuple) {
            grow(tuple.items);
        }
        pushNew(value);
    }

    /** The bytes a new value holds beyond its object header. */
    private static long payload(Object value) {
        if (value instanceof String text) {
            return 2L * text.length();
        } else if (value instanceof byte[] data) {
            return data.length;
        } else if (value instanceof BigInteger big) {
            return big.bitLength() / 8 + 1;
        }
        return 0;
    }

    /** Charges the elements a container is about to be grown by, one reference each; returns them. */
    private List<Object> grow(List<Object> elements) throws ModelFormatException {
        charge((long) REFERENCE * elements.size());
        return elements;
    }

    /** Charges {@code bytes} against {@link #MAX_BUDGET}, refusing at the current opcode past it. */
    private void charge(long bytes) throws ModelFormatException {
        charged += bytes;
        if (charged > MAX_BUDGET) {
            throw error(OVER_BUDGET, opcode.describe(), MAX_BUDGET >> 20);
        }
    }

    private Object peek() throws ModelFormatException {
        if (stack.size() <= floor()) {
            throw error(STACK_EMPTY, opcode.describe());
        }
        return stack.get(stack.size() - 1);
    }

    private Object pop() throws ModelFormatException {
        Object value = peek();
        stack.remove(stack.size() - 1);
        return value;
    }

    /** The top {@code n} values, bottom first, popped. */
    private List<Object> popItems(int n) throws ModelFormatException {
        if (stack.size() - floor() < n) {
            throw error(STACK_EMPTY, opcode.describe());
        }
        List<Object> top = stack.subList(stack.size() - n, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    /** The stack height below which the current opcode may not pop: the innermost mark. */
    private int floor() {
        return markCount == 0 ? 0 : marks[markCount - 1];
    }

    private void mark() throws ModelFormatException {
        if (markCount >= MAX_MARKS) {
            throw error(TOO_DEEP, MAX_STACK, MAX_MARKS);
        }
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, markCount * 2);
        }
        marks[markCount++] = stack.size();
    }

    /** The values above the innermost mark, bottom first; they and the mark are popped. */
    private List<Object> popMark() throws ModelFormatException {
        if (markCount == 0) {
            throw error(NO_MARK, opcode.describe());
        }
        int from = marks[--markCount];
        List<Object> top = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private void store(long key) throws ModelFormatException {
        if (memo.size() >= MAX_MEMO && !memo.containsKey(key)) {
            throw error(MEMO_FULL, MAX_MEMO);
        }
        Object value = peek();
        charge(MEMO_ENTRY);
        memo.put(key, value);
    }

    private void fetch(long key) throws ModelFormatException {
        Object value = memo.get(key);
        if (value == null) {
            throw error(NO_MEMO, opcode.describe(), key);
        }
        push(value);
    }

    // --- operands

    private byte[] take(int n) throws ModelFormatException {
        need(n);
        byte[] taken = Arrays.copyOfRange(bytes, position, position + n);
        position += n;
        return taken;
    }

    private void need(long n) throws ModelFormatException {
        if (n > bytes.length - position) {
            ranOut = true;
            throw error(TRUNCATED, opcode.describe(), n, bytes.length - position);
        }
    }

    private long littleEndian(int n) throws ModelFormatException {
        need(n);
        long value = 0;
        for (int i = n - 1; i >= 0; i--) {
            value = value << 8 | (bytes[position + i] & 0xff);
        }
        position += n;
        return value;
    }

    private long bigEndian(int n) throws ModelFormatException {
        need(n);
        long value = 0;
        for (int i = 0; i < n; i++) {
            value = value << 8 | (bytes[position + i] & 0xff);
        }
        position += n;
        return value;
    }

    private int unsigned(int n) throws ModelFormatException {
        return (int) littleEndian(n);
    }

    /**
     * A length operand of {@code n} bytes, at most {@code limit} and at most what is left. Read unsigned:
     * the lengths that pickle defines as signed (BINSTRING, LONG4) are then refused as too long.
     */
    private int length(int n, int limit) throws ModelFormatException {
        long length = littleEndian(n);
        if (length < 0 || length > limit) {
            throw error(TOO_LONG, opcode.describe(), length, limit);
        }
        need(length);
        return (int) length;
    }

    private String utf8(int n) throws ModelFormatException {
        need(n);
        String text = new String(bytes, position, n, StandardCharsets.UTF_8);
        position += n;
        return text;
    }

    /** A newline-terminated name of {@code GLOBAL} or {@code INST}. */
    private String line() throws ModelFormatException {
        int limit = Math.min(bytes.length, position + MAX_GLOBAL_NAME);
        for (int i = position; i < limit; i++) {
            if (bytes[i] == '\n') {
                String text = new String(bytes, position, i - position, StandardCharsets.UTF_8);
                position = i + 1;
                return text;
            }
        }
        ranOut = limit == bytes.length;
        throw error(BAD_GLOBAL_NAME, opcode.describe());
    }

    /** A little-endian two's-complement integer, as a Long when it fits. */
    private static Object integer(byte[] littleEndian) {
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        if (bigEndian.length == 0) {
            return 0L;
        }
        BigInteger value = new BigInteger(bigEndian);
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    private ModelFormatException error(String template, Object... args) {
        return source.error(opcodeAt, template, args);
    }
}
