package org.jaynes.formats.gguf;

import java.util.Optional;

/**
 * The types of GGUF metadata values ({@code enum gguf_type}), with the code the file stores before each
 * value and the bytes a value of the type takes: fixed for numbers and booleans; for a string, an 8-byte
 * length and the UTF-8 bytes; for an array, a 4-byte element type, an 8-byte count and the elements.
 */
public enum GgufValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    STRING(8, 8),
    ARRAY(9, 12),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    private final int code;
    private final int minimumBytes;

    GgufValueType(int code, int minimumBytes) {
        this.code = code;
        this.minimumBytes = minimumBytes;
    }

    /** The type's number in the file. */
    public int code() {
        return code;
    }

    /** The fewest bytes a value of this type takes (the whole value for numbers and booleans). */
    int minimumBytes() {
        return minimumBytes;
    }

    /** Whether values are whole numbers. */
    boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64 && this != BOOL && this != STRING && this != ARRAY;
    }

    /** Whether the whole numbers are unsigned. */
    boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
    }

    /** The type with a code, if GGUF defines one. */
    static Optional<GgufValueType> of(long code) {
        for (GgufValueType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
