package org.jaynes.formats.onnx;

import java.util.Locale;

/**
 * The protobuf wire types a field can have. Groups (3 and 4) are deprecated, never used by ONNX, and
 * rejected like the undefined types 6 and 7: {@link #of(int)} returns {@code null} for all four.
 */
enum WireType {
    VARINT(0),
    FIXED64(1),
    LENGTH_DELIMITED(2),
    FIXED32(5);

    private final int code;

    WireType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** The wire type with this code, or {@code null} if it is a group or undefined. */
    static WireType of(int code) {
        return switch (code) {
            case 0 -> VARINT;
            case 1 -> FIXED64;
            case 2 -> LENGTH_DELIMITED;
            case 5 -> FIXED32;
            default -> null;
        };
    }

    /** {@code 2 (length-delimited)}, as error messages print it. */
    String label() {
        return code + " (" + name().toLowerCase(Locale.ROOT).replace('_', '-') + ")";
    }
}
