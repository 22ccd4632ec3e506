package org.jaynes.formats.pytorch;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jaynes.core.tensor.DType;

/**
 * A global (a Python module attribute) that a checkpoint's pickle may name: the allow-list. Naming
 * any other global is an error before anything else happens. An allowed global is an inert marker:
 * {@link TorchCalls} interprets the few that a pickle calls, in Java, and nothing is ever imported or
 * run.
 *
 * <p>The allow-list, by qualified name:
 * <ul>
 * <li>{@code collections.OrderedDict}: a state dict;
 * <li>{@code torch._utils._rebuild_tensor}, {@code _rebuild_tensor_v2}, {@code _rebuild_tensor_v3},
 *     {@code _rebuild_parameter}, {@code _rebuild_parameter_with_state} and
 *     {@code torch._tensor._rebuild_from_type_v2}: a tensor over a storage;
 * <li>{@code torch.Tensor} and {@code torch.nn.parameter.Parameter}: the type argument of
 *     {@code _rebuild_from_type_v2};
 * <li>{@code torch.Size}: a tuple;
 * <li>{@code torch.<Name>Storage} and {@code torch.storage.UntypedStorage} (also {@code torch.UntypedStorage}):
 *     storage types in persistent ids; {@code torch.cuda.<Name>Storage} too, as checkpoints saved from a
 *     GPU by older torch name them (the bytes are written from the host alike);
 * <li>{@code torch.<dtype>} for the dtypes torch defines ({@code torch.float32}, {@code torch.uint16}, ...):
 *     the dtype argument of {@code _rebuild_tensor_v3}.
 * </ul>
 *
 * @param qualifiedName {@code module.name}
 * @param kind          what it stands for
 * @param dtype         for storage types and dtypes, the element type, or null when jaynes does not read it
 */
record TorchGlobal(String qualifiedName, Kind kind, DType dtype) {

    /** What an allowed global stands for. */
    enum Kind {
        ORDERED_DICT, REBUILD_TENSOR, REBUILD_TENSOR_V2, REBUILD_TENSOR_V3, REBUILD_PARAMETER,
        REBUILD_PARAMETER_WITH_STATE, REBUILD_FROM_TYPE_V2, TENSOR_CLASS, SIZE, STORAGE_TYPE, UNTYPED_STORAGE, DTYPE
    }

    private static final Map<String, Kind> FIXED = Map.ofEntries(
            Map.entry("collections.OrderedDict", Kind.ORDERED_DICT),
            Map.entry("torch._utils._rebuild_tensor", Kind.REBUILD_TENSOR),
            Map.entry("torch._utils._rebuild_tensor_v2", Kind.REBUILD_TENSOR_V2),
            Map.entry("torch._utils._rebuild_tensor_v3", Kind.REBUILD_TENSOR_V3),
            Map.entry("torch._utils._rebuild_parameter", Kind.REBUILD_PARAMETER),
            Map.entry("torch._utils._rebuild_parameter_with_state", Kind.REBUILD_PARAMETER_WITH_STATE),
            Map.entry("torch._tensor._rebuild_from_type_v2", Kind.REBUILD_FROM_TYPE_V2),
            Map.entry("torch.Tensor", Kind.TENSOR_CLASS),
            Map.entry("torch.nn.parameter.Parameter", Kind.TENSOR_CLASS),
            Map.entry("torch.Size", Kind.SIZE),
            Map.entry("torch.storage.UntypedStorage", Kind.UNTYPED_STORAGE),
            Map.entry("torch.UntypedStorage", Kind.UNTYPED_STORAGE));

    /** The legacy storage types jaynes reads, by class name. */
    private static final Map<String, DType> STORAGE_TYPES = Map.of(
            "DoubleStorage", DType.F64, "FloatStorage", DType.F32, "HalfStorage", DType.F16,
            "BFloat16Storage", DType.BF16, "LongStorage", DType.I64, "IntStorage", DType.I32,
            "ShortStorage", DType.I16, "CharStorage", DType.I8, "ByteStorage", DType.U8, "BoolStorage", DType.BOOL);

    private static final Pattern STORAGE_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,40}Storage");

    /** The dtypes jaynes reads, by the attribute name {@code str(dtype)} gives. */
    private static final Map<String, DType> DTYPES = Map.ofEntries(
            Map.entry("float64", DType.F64), Map.entry("float32", DType.F32), Map.entry("float16", DType.F16),
            Map.entry("bfloat16", DType.BF16), Map.entry("int64", DType.I64), Map.entry("int32", DType.I32),
            Map.entry("int16", DType.I16), Map.entry("int8", DType.I8), Map.entry("uint8", DType.U8),
            Map.entry("uint16", DType.U16), Map.entry("bool", DType.BOOL));

    /** The other dtypes torch defines: allowed as names, refused when a tensor has one. */
    private static final Set<String> OTHER_DTYPES = Set.of(
            "uint32", "uint64", "complex32", "complex64", "complex128", "float8_e5m2", "float8_e4m3fn",
            "float8_e5m2fnuz", "float8_e4m3fnuz", "float8_e8m0fnu", "float4_e2m1fn_x2", "bits8", "bits16",
            "bits1x8", "bits2x4", "bits4x2", "qint8", "qint32", "quint8", "quint4x2", "quint2x4",
            "uint1", "uint2", "uint3", "uint4", "uint5", "uint6", "uint7",
            "int1", "int2", "int3", "int4", "int5", "int6", "int7");

    /** The allowed global {@code module.name}, or null when the allow-list does not hold it. */
    static TorchGlobal resolve(String module, String name) {
        String qualified = module + "." + name;
        Kind kind = FIXED.get(qualified);
        if (kind != null) {
            return new TorchGlobal(qualified, kind, null);
        }
        boolean cuda = module.equals("torch.cuda");
        if (!module.equals("torch") && !cuda) {
            return null;
        }
        if (STORAGE_NAME.matcher(name).matches()) {
            return new TorchGlobal(qualified, Kind.STORAGE_TYPE, STORAGE_TYPES.get(name));
        }
        if (cuda) {
            return null;
        }
        if (DTYPES.containsKey(name) || OTHER_DTYPES.contains(name)) {
            return new TorchGlobal(qualified, Kind.DTYPE, DTYPES.get(name));
        }
        return null;
    }

    /** The storage types jaynes reads, for messages. */
    static String readableStorageTypes() {
        return "Double, Float, Half, BFloat16, Long, Int, Short, Char, Byte and Bool storages";
    }
}
