package org.jaynes.formats.tflite;

import java.util.Optional;
import org.jaynes.core.tensor.DType;

/**
 * The tflite {@code TensorType} codes, with the dtype each is held as. INT4 packs two values in a byte,
 * the low nibble first; the others are whole little-endian bytes. Types with no numeric dtype (strings,
 * complex numbers, resources, variants) and unsigned 32/64-bit integers have none.
 */
enum TfliteType {
    FLOAT32(0, DType.F32),
    FLOAT16(1, DType.F16),
    INT32(2, DType.I32),
    UINT8(3, DType.U8),
    INT64(4, DType.I64),
    STRING(5, null),
    BOOL(6, DType.BOOL),
    INT16(7, DType.I16),
    COMPLEX64(8, null),
    INT8(9, DType.I8),
    FLOAT64(10, DType.F64),
    COMPLEX128(11, null),
    UINT64(12, null),
    RESOURCE(13, null),
    VARIANT(14, null),
    UINT32(15, null),
    UINT16(16, DType.U16),
    INT4(17, DType.I8),
    BFLOAT16(18, DType.BF16);

    private final int code;
    private final DType dtype;

    TfliteType(int code, DType dtype) {
        this.code = code;
        this.dtype = dtype;
    }

    /** The type of a {@code TensorType} code, if the schema defines it. */
    static Optional<TfliteType> of(int code) {
        for (TfliteType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The dtype of the values as stored (INT4 is unpacked to one byte per value), if numeric. */
    Optional<DType> dtype() {
        return Optional.ofNullable(dtype);
    }

    /** Whether a scale and zero point turn these values into real numbers. */
    boolean isQuantizable() {
        return this == UINT8 || this == INT8 || this == INT16 || this == INT32 || this == INT64 || this == INT4
                || this == UINT16;
    }

    /** Bytes a buffer of {@code count} values of this type takes. */
    long storedBytes(long count) {
        return this == INT4 ? (count + 1) / 2 : Math.multiplyExact(count, (long) dtype.byteSize());
    }
}
