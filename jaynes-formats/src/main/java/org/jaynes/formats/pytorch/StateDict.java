package org.jaynes.formats.pytorch;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jaynes.formats.ModelFormatException;

/**
 * The named tensors of an unpickled checkpoint, in pickle order.
 *
 * <p>A checkpoint is usually a state dict, a (possibly nested) dict from names to tensors. When the
 * top-level dict has a {@code "state_dict"} or else a {@code "model"} entry that is a dict (the layout
 * of training checkpoints that also hold optimizer state and counters), only that entry is read.
 * Names join the keys on the path with {@code '.'}; list and tuple elements are named by index; values
 * that are not tensors (counters, strings, None) are skipped. A checkpoint that is a single tensor
 * gives one tensor named {@code defaultName}.
 *
 * <p>The walk is bounded: at most {@link #MAX_DEPTH} levels and {@link #MAX_VISITS} values, so a pickle
 * whose containers hold themselves, or the same dict many times over, cannot make it run forever; and
 * names of at most {@link #MAX_NAME} characters, checked before a name is joined, so a long key shared
 * by every level (one memoised string) cannot make the names it builds grow quadratically.
 */
final class StateDict {

    static final int MAX_DEPTH = 64;
    static final int MAX_VISITS = 4_000_000;
    static final int MAX_NAME = 64 << 10;

    static final String TOO_DEEP = "the checkpoint nests containers more than %d deep (at %s)";
    static final String TOO_MANY = "the checkpoint's containers hold more than %d values";
    static final String BAD_KEY = "a dict key on the path to a tensor is a %s, expected a str or int (under \"%s\")";
    static final String NAME_TOO_LONG = "a tensor name on the path under \"%s\" would be %d characters, "
            + "over the limit of %d";
    static final String DUPLICATE = "two tensors have the name %s";

    /**
     * A tensor and its name.
     *
     * @param name   the joined keys ({@code encoder.layer.0.attention.self.query.weight})
     * @param tensor the view
     */
    record Entry(String name, Pickled.TensorRef tensor) {
    }

    private final PickleFile source;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private long visits;

    private StateDict(PickleFile source) {
        this.source = source;
    }

    /** The tensors of {@code root}, the value a checkpoint's pickle describes. */
    static List<Entry> tensors(PickleFile source, Object root, String defaultName) throws ModelFormatException {
        StateDict walk = new StateDict(source);
        if (root instanceof Pickled.TensorRef tensor) {
            walk.add(defaultName, tensor);
        } else {
            walk.visit(select(root), "", 0);
        }
        return List.copyOf(walk.entries);
    }

    /** The part of a top-level dict that holds the model's weights. */
    private static Object select(Object root) {
        if (root instanceof Pickled.Dict dict) {
            for (String key : new String[] {"state_dict", "model"}) {
                if (dict.get(key) instanceof Pickled.Dict inner) {
                    return inner;
                }
            }
        }
        return root;
    }

    private void visit(Object value, String prefix, int depth) throws ModelFormatException {
        if (++visits > MAX_VISITS) {
            throw source.errorInEntry(TOO_MANY, MAX_VISITS);
        }
        if (value instanceof Pickled.TensorRef tensor) {
            add(prefix, tensor);
            return;
        }
        List<Object> keys;
        List<Object> values;
        if (value instanceof Pickled.Dict dict) {
            keys = dict.keys;
            values = dict.values;
        } else if (value instanceof Pickled.PyList list) {
            keys = null;
            values = list.items;
        } else if (value instanceof Pickled.Tuple tuple) {
            keys = null;
            values = tuple.items;
        } else {
            return;
        }
        if (depth >= MAX_DEPTH) {
            throw source.errorInEntry(TOO_DEEP, MAX_DEPTH, prefix.isEmpty() ? "the top" : prefix);
        }
        for (int i = 0; i < values.size(); i++) {
            Object child = values.get(i);
            if (!holdsContainerOrTensor(child)) {
                continue;
            }
            String key = keys == null ? Integer.toString(i) : keyText(keys.get(i), prefix);
            visit(child, join(value, prefix, key), depth + 1);
        }
    }

    /**
     * {@code prefix.key}, refused before it is built when longer than {@link #MAX_NAME}, at the byte of
     * the dict that holds the key when the pickle's reader recorded it.
     */
    private String join(Object container, String prefix, String key) throws ModelFormatException {
        long length = prefix.isEmpty() ? key.length() : (long) prefix.length() + 1 + key.length();
        if (length > MAX_NAME) {
            Object[] args = {prefix.isEmpty() ? "the top" : prefix, length, MAX_NAME};
            throw container instanceof Pickled.Dict dict && dict.at >= 0
                    ? source.error(dict.at, NAME_TOO_LONG, args) : source.errorInEntry(NAME_TOO_LONG, args);
        }
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private static boolean holdsContainerOrTensor(Object value) {
        return value instanceof Pickled.TensorRef || value instanceof Pickled.Dict
                || value instanceof Pickled.PyList || value instanceof Pickled.Tuple;
    }

    private String keyText(Object key, String prefix) throws ModelFormatException {
        if (key instanceof String || key instanceof Long || key instanceof BigInteger) {
            return key.toString();
        }
        throw source.errorInEntry(BAD_KEY, Pickled.kind(key), prefix);
    }

    private void add(String name, Pickled.TensorRef tensor) throws ModelFormatException {
        if (!names.add(name)) {
            throw source.error(tensor.at(), DUPLICATE, name);
        }
        entries.add(new Entry(name, tensor));
    }
}
