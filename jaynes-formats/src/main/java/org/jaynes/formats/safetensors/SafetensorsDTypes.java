package org.jaynes.formats.safetensors;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jaynes.core.tensor.DType;

/**
 * The dtype names of the safetensors header and the {@link DType} each stands for. Names the format
 * knows but jaynes does not measure (the {@code F8_*} and {@code F4} types, {@code U32}, {@code U64},
 * {@code C64}) are unknown here, so a file holding them fails with the list of accepted names.
 */
final class SafetensorsDTypes {

    private static final Map<String, DType> BY_NAME = new LinkedHashMap<>();
    private static final Map<DType, String> NAMES = new EnumMap<>(DType.class);
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("FLOAT64", "F64"), Map.entry("DOUBLE", "F64"),
            Map.entry("FLOAT32", "F32"), Map.entry("FLOAT", "F32"),
            Map.entry("FLOAT16", "F16"), Map.entry("HALF", "F16"), Map.entry("BFLOAT16", "BF16"),
            Map.entry("INT64", "I64"), Map.entry("INT32", "I32"), Map.entry("INT16", "I16"),
            Map.entry("UINT16", "U16"), Map.entry("INT8", "I8"), Map.entry("UINT8", "U8"));

    static {
        name(DType.F64, "F64");
        name(DType.F32, "F32");
        name(DType.F16, "F16");
        name(DType.BF16, "BF16");
        name(DType.I64, "I64");
        name(DType.I32, "I32");
        name(DType.I16, "I16");
        name(DType.U16, "U16");
        name(DType.I8, "I8");
        name(DType.U8, "U8");
        name(DType.BOOL, "BOOL");
        if (NAMES.size() != DType.values().length) {
            throw new AssertionError("a DType has no safetensors name: " + Arrays.toString(DType.values()));
        }
    }

    private SafetensorsDTypes() {
    }

    private static void name(DType dtype, String name) {
        BY_NAME.put(name, dtype);
        NAMES.put(dtype, name);
    }

    /** The dtype a header name stands for; names are case-sensitive, as in the format. */
    static Optional<DType> parse(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The header name of a dtype. */
    static String name(DType dtype) {
        return NAMES.get(dtype);
    }

    /** {@code F64, F32, ...}: the accepted names, for error messages. */
    static String accepted() {
        return String.join(", ", BY_NAME.keySet());
    }

    /**
     * The accepted name a misspelt one most likely meant, for a "did you mean" hint: the same name in
     * another case ({@code f32}) or the numpy/torch spelling ({@code float32}, {@code torch.bfloat16}).
     */
    static Optional<String> nearest(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (BY_NAME.containsKey(upper)) {
            return Optional.of(upper);
        }
        String bare = upper.startsWith("TORCH.") ? upper.substring("TORCH.".length()) : upper;
        return Optional.ofNullable(ALIASES.get(bare));
    }
}
