package org.jaynes.core.tensor;

import java.util.Locale;

/**
 * The element types a model file can store. Byte order is always little-endian once a reader has
 * handed a tensor over (every format jaynes reads stores little-endian data).
 */
public enum DType {
    F64(8, true),
    F32(4, true),
    F16(2, true),
    BF16(2, true),
    I64(8, false),
    I32(4, false),
    I16(2, false),
    U16(2, false),
    I8(1, false),
    U8(1, false),
    BOOL(1, false);

    private final int byteSize;
    private final boolean floating;

    DType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** True for the IEEE-style floating-point types. */
    public boolean isFloating() {
        return floating;
    }

    /** Lower-case name as printed in reports: {@code f32}, {@code bf16}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
