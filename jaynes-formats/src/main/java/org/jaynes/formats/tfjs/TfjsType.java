package org.jaynes.formats.tfjs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dtypes of a TF.js weights manifest: those a weight may have ({@code float32}, {@code int32},
 * {@code bool}, {@code complex64}, {@code string}) and those its {@code quantization} may store it as
 * ({@code uint8}, {@code uint16}, {@code float16}), with their bytes per value as tfjs-core's
 * {@code DTYPE_VALUE_SIZE_MAP} gives them (a string's size is in the data: see {@link TfjsReader}).
 */
enum TfjsType {
    FLOAT32(4, true),
    INT32(4, true),
    BOOL(1, true),
    COMPLEX64(8, true),
    STRING(0, true),
    UINT8(1, false),
    UINT16(2, false),
    FLOAT16(2, false);

    private final int byteSize;
    private final boolean weightType;

    TfjsType(int byteSize, boolean weightType) {
        this.byteSize = byteSize;
        this.weightType = weightType;
    }

    int byteSize() {
        return byteSize;
    }

    /** The name in the manifest: {@code float32}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The weight dtype of that name. */
    static Optional<TfjsType> weight(String label) {
        return Arrays.stream(values()).filter(t -> t.weightType && t.label().equals(label)).findFirst();
    }

    /** The quantization dtype of that name. */
    static Optional<TfjsType> quantized(String label) {
        return Arrays.stream(values()).filter(t -> !t.weightType && t.label().equals(label)).findFirst();
    }

    /** {@code float32, int32, ...} for messages. */
    static String accepted(boolean weightTypes) {
        return Arrays.stream(values()).filter(t -> t.weightType == weightTypes).map(TfjsType::label)
                .collect(Collectors.joining(", "));
    }
}
