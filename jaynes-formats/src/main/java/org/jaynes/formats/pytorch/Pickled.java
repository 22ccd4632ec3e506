package org.jaynes.formats.pytorch;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.core.tensor.DType;

/**
 * The values {@link Unpickler} builds. Python's scalars map to Java's: {@code str} to {@link String},
 * {@code int} to {@link Long} (or {@link BigInteger} past 64 bits), {@code float} to {@link Double},
 * {@code bool} to {@link Boolean}, {@code bytes} to {@code byte[]} and {@code None} to {@link #NONE}.
 * Containers are the classes here; an allow-listed global is a {@link TorchGlobal}. Nothing in a
 * pickle becomes a Java object of a type it names.
 *
 * <p>Implementation note: containers keep identity equality on purpose. A pickle can make a list that
 * holds itself; hashing or comparing one would never end, so no code here does either, and dicts keep
 * their entries as two lists instead of a hash map.
 */
final class Pickled {

    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private Pickled() {
    }

    /** An immutable Python tuple. */
    static final class Tuple {
        final List<Object> items;

        Tuple(List<Object> items) {
            this.items = List.copyOf(items);
        }
    }

    /** A Python list, grown by {@code APPEND}. */
    static final class PyList {
        final List<Object> items = new ArrayList<>();
    }

    /** A Python dict or {@code collections.OrderedDict}: its entries in insertion order. */
    static final class Dict {
        final List<Object> keys = new ArrayList<>();
        final List<Object> values = new ArrayList<>();
        /** Offset in the pickle of the opcode that built it, set by {@link Unpickler}; -1 when unknown. */
        long at = -1;

        void put(Object key, Object value) {
            keys.add(key);
            values.add(value);
        }

        /** The value under a string key, or null. */
        Object get(String key) {
            for (int i = keys.size() - 1; i >= 0; i--) {
                if (key.equals(keys.get(i))) {
                    return values.get(i);
                }
            }
            return null;
        }
    }

    /**
     * A storage the pickle loads by persistent id: a zip entry {@code <archive>/data/<key>}, or in a legacy
     * file the storage listed under its key after the pickles.
     *
     * @param key        the entry's name under {@code data/}, or the legacy file's key
     * @param type       the storage type as pickled ({@code torch.FloatStorage}, {@code torch.storage.UntypedStorage})
     * @param dtype      the element type of a typed storage, or null for an untyped (byte) storage
     * @param byteLength the bytes it claims: elements times element size, or its length when untyped
     * @param at         offset in the pickle of the {@code BINPERSID} that loaded it
     */
    record Storage(String key, String type, DType dtype, long byteLength, long at) {
    }

    /**
     * A view of a storage, as a tensor rebuild function describes it.
     *
     * @param storage the storage
     * @param dtype   the element type
     * @param offset  the first element, counted in elements of {@code dtype} from the storage's start
     * @param size    the dimensions
     * @param stride  elements between neighbours along each dimension
     * @param at      offset in {@code data.pkl} of the {@code REDUCE} that rebuilt it
     */
    record TensorRef(Storage storage, DType dtype, long offset, long[] size, long[] stride, long at) {
    }

    /** The Python type of a value, as a message names it. */
    static String kind(Object value) {
        if (value instanceof String) {
            return "str";
        } else if (value instanceof Long || value instanceof BigInteger) {
            return "int";
        } else if (value instanceof Double) {
            return "float";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof byte[]) {
            return "bytes";
        } else if (value == NONE) {
            return "None";
        } else if (value instanceof Tuple) {
            return "tuple";
        } else if (value instanceof PyList) {
            return "list";
        } else if (value instanceof Dict) {
            return "dict";
        } else if (value instanceof TorchGlobal g) {
            return g.qualifiedName();
        } else if (value instanceof Storage) {
            return "storage";
        } else if (value instanceof TensorRef) {
            return "tensor";
        }
        return value.getClass().getSimpleName();
    }
}
