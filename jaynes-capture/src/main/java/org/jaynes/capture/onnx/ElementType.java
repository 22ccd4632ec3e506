package org.jaynes.capture.onnx;

import java.util.Locale;

/** The element type of an ONNX tensor, with the code of {@code TensorProto.DataType}. */
public enum ElementType {
    FLOAT32(1),
    UINT8(2),
    INT8(3),
    UINT16(4),
    INT16(5),
    INT32(6),
    INT64(7),
    STRING(8),
    BOOL(9),
    FLOAT16(10),
    FLOAT64(11),
    UINT32(12),
    UINT64(13),
    BFLOAT16(16),
    /** Any type jaynes has no name for (complex, 8-bit floats, 4-bit integers). */
    OTHER(-1);

    private final int onnxCode;

    ElementType(int onnxCode) {
        this.onnxCode = onnxCode;
    }

    /** The type of an ONNX {@code elem_type} code; {@link #OTHER} for codes without a name here. */
    public static ElementType ofOnnx(int code) {
        for (ElementType type : values()) {
            if (type.onnxCode == code) {
                return type;
            }
        }
        return OTHER;
    }

    /**
     * Whether values of this type are floats that jaynes feeds and captures as float32: float32 itself, and
     * the 16-bit float16 and bfloat16, rounded to on the way in and widened exactly on the way out.
     */
    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT16 || this == BFLOAT16;
    }

    /** Lower-case name as messages print it: {@code float32}, {@code int64}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
