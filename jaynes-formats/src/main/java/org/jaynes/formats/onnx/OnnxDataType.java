package org.jaynes.formats.onnx;

import java.util.Optional;
import org.jaynes.core.tensor.DType;

/**
 * The element types of {@code TensorProto.DataType} with their codes, and the {@link DType} each maps
 * to where jaynes has one. Types with no DType (strings, complex, unsigned 32/64-bit, the 8-, 6-, 4-
 * and 2-bit floats and integers) make a tensor with values unreadable.
 */
enum OnnxDataType {
    UNDEFINED(0, null, 0),
    FLOAT(1, DType.F32, OnnxSchema.TENSOR_FLOAT_DATA),
    UINT8(2, DType.U8, OnnxSchema.TENSOR_INT32_DATA),
    INT8(3, DType.I8, OnnxSchema.TENSOR_INT32_DATA),
    UINT16(4, DType.U16, OnnxSchema.TENSOR_INT32_DATA),
    INT16(5, DType.I16, OnnxSchema.TENSOR_INT32_DATA),
    INT32(6, DType.I32, OnnxSchema.TENSOR_INT32_DATA),
    INT64(7, DType.I64, OnnxSchema.TENSOR_INT64_DATA),
    STRING(8, null, OnnxSchema.TENSOR_STRING_DATA),
    BOOL(9, DType.BOOL, OnnxSchema.TENSOR_INT32_DATA),
    FLOAT16(10, DType.F16, OnnxSchema.TENSOR_INT32_DATA),
    DOUBLE(11, DType.F64, OnnxSchema.TENSOR_DOUBLE_DATA),
    UINT32(12, null, OnnxSchema.TENSOR_UINT64_DATA),
    UINT64(13, null, OnnxSchema.TENSOR_UINT64_DATA),
    COMPLEX64(14, null, OnnxSchema.TENSOR_FLOAT_DATA),
    COMPLEX128(15, null, OnnxSchema.TENSOR_DOUBLE_DATA),
    BFLOAT16(16, DType.BF16, OnnxSchema.TENSOR_INT32_DATA),
    FLOAT8E4M3FN(17, null, OnnxSchema.TENSOR_INT32_DATA),
    FLOAT8E4M3FNUZ(18, null, OnnxSchema.TENSOR_INT32_DATA),
    FLOAT8E5M2(19, null, OnnxSchema.TENSOR_INT32_DATA),
    FLOAT8E5M2FNUZ(20, null, OnnxSchema.TENSOR_INT32_DATA),
    UINT4(21, null, OnnxSchema.TENSOR_INT32_DATA),
    INT4(22, null, OnnxSchema.TENSOR_INT32_DATA),
    FLOAT4E2M1(23, null, OnnxSchema.TENSOR_INT32_DATA),
    FLOAT8E8M0(24, null, OnnxSchema.TENSOR_INT32_DATA),
    UINT2(25, null, OnnxSchema.TENSOR_INT32_DATA),
    INT2(26, null, OnnxSchema.TENSOR_INT32_DATA),
    FLOAT6E2M3(27, null, OnnxSchema.TENSOR_INT32_DATA),
    FLOAT6E3M2(28, null, OnnxSchema.TENSOR_INT32_DATA);

    /** The constants are declared in code order, so a code is an ordinal. */
    private static final OnnxDataType[] BY_CODE = values();

    private final int code;
    private final DType dtype;
    private final int typedField;

    OnnxDataType(int code, DType dtype, int typedField) {
        this.code = code;
        this.dtype = dtype;
        this.typedField = typedField;
    }

    /** The type with this code, if the code is defined. */
    static Optional<OnnxDataType> of(long code) {
        return code >= 0 && code < BY_CODE.length ? Optional.of(BY_CODE[(int) code]) : Optional.empty();
    }

    /** {@code 10 (FLOAT16)} or {@code 99 (unknown)}, as error messages print a code. */
    static String label(long code) {
        return code + " (" + of(code).map(OnnxDataType::name).orElse("unknown") + ")";
    }

    int code() {
        return code;
    }

    /** The jaynes element type, if there is one. */
    Optional<DType> dtype() {
        return Optional.ofNullable(dtype);
    }

    /** The TensorProto field that holds this type's values when they are not in raw_data. */
    int typedField() {
        return typedField;
    }
}
