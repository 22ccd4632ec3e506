package org.jaynes.formats.pytorch;

import java.util.List;
import org.jaynes.core.tensor.DType;
import org.jaynes.formats.ModelFormatException;

/**
 * What the allow-listed globals do, done in Java: the calls, instantiations, {@code BUILD}s and
 * persistent ids of a checkpoint pickle become {@link Pickled} values and nothing else.
 *
 * <ul>
 * <li>{@code _rebuild_tensor(storage, offset, size, stride)}, {@code _rebuild_tensor_v2(..., requires_grad,
 *     backward_hooks[, metadata])} and {@code _rebuild_tensor_v3(..., requires_grad, backward_hooks, dtype[, metadata])}
 *     give a {@link Pickled.TensorRef}; gradients, hooks and metadata are ignored.
 * <li>{@code _rebuild_parameter(tensor, ...)}, {@code _rebuild_parameter_with_state(tensor, ...)} give the
 *     tensor; {@code _rebuild_from_type_v2(function, torch.Tensor or Parameter, args, state)} applies the
 *     rebuild function to the arguments.
 * <li>{@code OrderedDict()} and {@code OrderedDict(pairs)} give a dict; {@code torch.Size(tuple)} the tuple.
 * <li>A persistent id {@code ('storage', storage type, key, location, numel)} (a legacy file adds a sixth item,
 *     None) gives a {@link Pickled.Storage};
 *     the location (device) is ignored.
 * <li>{@code BUILD} on a dict or tensor ignores the state (an {@code OrderedDict}'s {@code _metadata},
 *     a tensor's Python attributes).
 * </ul>
 * Any other use is an error naming the pickle byte. The reader checks later that storages and tensor
 * views fit their zip entries, or the storages stored after a legacy file's pickles.
 */
final class TorchCalls {

    static final String NOT_CALLABLE = "the pickle calls a %s, which jaynes does not call";
    static final String ARITY = "%s takes %s arguments, the pickle gives %d";
    static final String ARGUMENT = "argument %d of %s must be a %s, found a %s";
    static final String NEGATIVE = "argument %d of %s must be a non-negative integer, found %s";
    static final String RANKS = "%s: size has %d dimensions but stride has %d";
    static final String UNTYPED = "%s over an untyped storage needs the dtype argument of _rebuild_tensor_v3";
    static final String UNSUPPORTED_DTYPE = "tensor dtype %s is not one jaynes reads";
    static final String NOT_INSTANTIABLE = "the pickle instantiates %s, which jaynes does not instantiate";
    static final String BAD_BUILD = "BUILD sets the state of a %s, which jaynes does not do";
    static final String BAD_PERSISTENT_ID =
            "persistent id must be ('storage', storage type, key, location, element count[, None]), found %s";
    static final String STORAGE_VIEW = "storage %s is a view of another storage (a legacy file of torch < 1.0); "
            + "jaynes reads whole storages only";
    static final String UNSUPPORTED_STORAGE = "storage type %s is not supported (jaynes reads %s)";
    static final String BAD_KEY = "storage key \"%s\" is not a plain entry name";
    static final String STORAGE_TOO_LARGE = "storage %s of %d %s elements is too large to address";

    private static final int MAX_RANK = 64;
    private static final int MAX_KEY = 256;

    private TorchCalls() {
    }

    /** {@code callable(*args)}, for {@code REDUCE}, {@code INST} and {@code OBJ}. */
    static Object call(PickleFile source, long at, Object callable, Pickled.Tuple args) throws ModelFormatException {
        if (!(callable instanceof TorchGlobal g)) {
            throw source.error(at, NOT_CALLABLE, Pickled.kind(callable));
        }
        List<Object> a = args.items;
        String name = g.qualifiedName();
        switch (g.kind()) {
            case ORDERED_DICT:
                return orderedDict(source, at, name, a);
            case REBUILD_TENSOR:
                arity(source, at, name, a, 4, 4);
                return tensor(source, at, name, a, null);
            case REBUILD_TENSOR_V2:
                arity(source, at, name, a, 6, 7);
                return tensor(source, at, name, a, null);
            case REBUILD_TENSOR_V3:
                arity(source, at, name, a, 7, 8);
                TorchGlobal dtype = argument(source, at, name, a, 6, TorchGlobal.class, "torch dtype");
                if (dtype.kind() != TorchGlobal.Kind.DTYPE) {
                    throw source.error(at, ARGUMENT, 6, name, "torch dtype", dtype.qualifiedName());
                }
                if (dtype.dtype() == null) {
                    throw source.error(at, UNSUPPORTED_DTYPE, dtype.qualifiedName());
                }
                return tensor(source, at, name, a, dtype.dtype());
            case REBUILD_PARAMETER:
                arity(source, at, name, a, 3, 3);
                return argument(source, at, name, a, 0, Pickled.TensorRef.class, "tensor");
            case REBUILD_PARAMETER_WITH_STATE:
                arity(source, at, name, a, 4, 4);
                return argument(source, at, name, a, 0, Pickled.TensorRef.class, "tensor");
            case REBUILD_FROM_TYPE_V2:
                return fromType(source, at, name, a);
            case SIZE:
                arity(source, at, name, a, 1, 1);
                return argument(source, at, name, a, 0, Pickled.Tuple.class, "tuple");
            default:
                throw source.error(at, NOT_CALLABLE, name);
        }
    }

    /** {@code cls.__new__(cls, *args)}, for {@code NEWOBJ}: only an {@code OrderedDict}. */
    static Object instantiate(PickleFile source, long at, Object cls, Pickled.Tuple args) throws ModelFormatException {
        if (cls instanceof TorchGlobal g && g.kind() == TorchGlobal.Kind.ORDERED_DICT) {
            return new Pickled.Dict();
        }
        throw source.error(at, NOT_INSTANTIABLE, Pickled.kind(cls));
    }

    /** {@code BUILD}: state is ignored on dicts and tensors, refused elsewhere. */
    static void build(PickleFile source, long at, Object target, Object state) throws ModelFormatException {
        if (!(target instanceof Pickled.Dict) && !(target instanceof Pickled.TensorRef)) {
            throw source.error(at, BAD_BUILD, Pickled.kind(target));
        }
    }

    /**
     * The storage a persistent id names: {@code ('storage', type, key, location, numel)} in zip checkpoints,
     * with a sixth item, the view metadata, in legacy files, where torch has written None since storage
     * views went away (torch 1.0); a storage view is refused.
     */
    static Pickled.Storage persistentLoad(PickleFile source, long at, Object pid) throws ModelFormatException {
        if (pid instanceof Pickled.Tuple t && t.items.size() == 6 && "storage".equals(t.items.get(0))
                && t.items.get(5) != Pickled.NONE) {
            throw source.error(at, STORAGE_VIEW, describe(t.items.get(2)));
        }
        if (!(pid instanceof Pickled.Tuple t) || t.items.size() < 5 || t.items.size() > 6
                || !"storage".equals(t.items.get(0))
                || !(t.items.get(1) instanceof TorchGlobal type) || !(t.items.get(2) instanceof String key)
                || !(t.items.get(4) instanceof Long numel) || numel < 0) {
            throw source.error(at, BAD_PERSISTENT_ID, describe(pid));
        }
        DType dtype;
        if (type.kind() == TorchGlobal.Kind.UNTYPED_STORAGE) {
            dtype = null;
        } else if (type.kind() == TorchGlobal.Kind.STORAGE_TYPE && type.dtype() != null) {
            dtype = type.dtype();
        } else {
            throw source.error(at, UNSUPPORTED_STORAGE, type.qualifiedName(), TorchGlobal.readableStorageTypes());
        }
        if (key.isEmpty() || key.length() > MAX_KEY || key.equals(".") || key.equals("..")
                || key.indexOf('/') >= 0 || key.indexOf('\\') >= 0) {
            throw source.error(at, BAD_KEY, key.length() > MAX_KEY ? key.substring(0, MAX_KEY) + "..." : key);
        }
        int itemSize = dtype == null ? 1 : dtype.byteSize();
        if (numel > Long.MAX_VALUE / itemSize) {
            throw source.error(at, STORAGE_TOO_LARGE, key, numel, dtype == null ? "byte" : dtype.label());
        }
        return new Pickled.Storage(key, type.qualifiedName(), dtype, numel * itemSize, at);
    }

    private static Object orderedDict(PickleFile source, long at, String name, List<Object> a)
            throws ModelFormatException {
        arity(source, at, name, a, 0, 1);
        Pickled.Dict dict = new Pickled.Dict();
        if (a.size() == 1) {
            List<Object> pairs = a.get(0) instanceof Pickled.PyList list ? list.items
                    : argument(source, at, name, a, 0, Pickled.Tuple.class, "list of pairs").items;
            for (Object pair : pairs) {
                List<Object> kv = pair instanceof Pickled.Tuple t ? t.items
                        : pair instanceof Pickled.PyList l ? l.items : List.of();
                if (kv.size() != 2) {
                    throw source.error(at, ARGUMENT, 0, name, "list of pairs", "list holding a " + Pickled.kind(pair));
                }
                dict.put(kv.get(0), kv.get(1));
            }
        }
        return dict;
    }

    private static Object fromType(PickleFile source, long at, String name, List<Object> a)
            throws ModelFormatException {
        arity(source, at, name, a, 4, 4);
        TorchGlobal function = argument(source, at, name, a, 0, TorchGlobal.class, "tensor rebuild function");
        TorchGlobal type = argument(source, at, name, a, 1, TorchGlobal.class, "tensor type");
        Pickled.Tuple args = argument(source, at, name, a, 2, Pickled.Tuple.class, "tuple");
        if (type.kind() != TorchGlobal.Kind.TENSOR_CLASS) {
            throw source.error(at, ARGUMENT, 1, name, "tensor type", type.qualifiedName());
        }
        switch (function.kind()) {
            case REBUILD_TENSOR, REBUILD_TENSOR_V2, REBUILD_TENSOR_V3, REBUILD_PARAMETER,
                    REBUILD_PARAMETER_WITH_STATE -> {
                return call(source, at, function, args);
            }
            default -> throw source.error(at, ARGUMENT, 0, name, "tensor rebuild function", function.qualifiedName());
        }
    }

    /** A tensor view from {@code (storage, storage_offset, size, stride, ...)}. */
    private static Pickled.TensorRef tensor(PickleFile source, long at, String name, List<Object> a, DType dtype)
            throws ModelFormatException {
        Pickled.Storage storage = argument(source, at, name, a, 0, Pickled.Storage.class, "storage");
        long offset = count(source, at, name, a, 1, a.get(1));
        long[] size = counts(source, at, name, a, 2);
        long[] stride = counts(source, at, name, a, 3);
        if (size.length != stride.length) {
            throw source.error(at, RANKS, name, size.length, stride.length);
        }
        DType type = dtype != null ? dtype : storage.dtype();
        if (type == null) {
            throw source.error(at, UNTYPED, name);
        }
        return new Pickled.TensorRef(storage, type, offset, size, stride, at);
    }

    private static long[] counts(PickleFile source, long at, String name, List<Object> a, int index)
            throws ModelFormatException {
        Object value = a.get(index);
        List<Object> items = value instanceof Pickled.Tuple t ? t.items
                : value instanceof Pickled.PyList l ? l.items : null;
        if (items == null || items.size() > MAX_RANK) {
            throw source.error(at, ARGUMENT, index, name, "tuple of at most " + MAX_RANK + " integers",
                    Pickled.kind(value));
        }
        long[] counts = new long[items.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = count(source, at, name, a, index, items.get(i));
        }
        return counts;
    }

    private static long count(PickleFile source, long at, String name, List<Object> a, int index, Object value)
            throws ModelFormatException {
        if (value instanceof Long n && n >= 0) {
            return n;
        }
        throw source.error(at, NEGATIVE, index, name, describe(value));
    }

    private static <T> T argument(PickleFile source, long at, String name, List<Object> a, int index, Class<T> type,
            String kind) throws ModelFormatException {
        Object value = a.get(index);
        if (!type.isInstance(value)) {
            throw source.error(at, ARGUMENT, index, name, kind, Pickled.kind(value));
        }
        return type.cast(value);
    }

    private static void arity(PickleFile source, long at, String name, List<Object> a, int min, int max)
            throws ModelFormatException {
        if (a.size() < min || a.size() > max) {
            throw source.error(at, ARITY, name, min == max ? Integer.toString(min) : min + " to " + max, a.size());
        }
    }

    /** A short text for a value in a message: scalars as Python prints them, containers by kind. */
    private static String describe(Object value) {
        if (value instanceof Long || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        return "a " + Pickled.kind(value);
    }
}
