package org.jaynes.formats.gguf;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jaynes.core.tensor.DType;

/**
 * The tensor types of ggml ({@code enum ggml_type}) with the codes a GGUF tensor info stores. Plain
 * types are read in place as their {@link DType}; block-quantized types jaynes reads are dequantized to
 * f32 through their {@link BlockFormat}. The remaining types are known by name only, so that a file
 * holding one is refused with the type's name rather than just its number.
 */
public enum GgmlType {
    F32(0, DType.F32),
    F16(1, DType.F16),
    Q4_0(2, BlockFormat.Q4_0),
    Q4_1(3, BlockFormat.Q4_1),
    Q5_0(6, BlockFormat.Q5_0),
    Q5_1(7, BlockFormat.Q5_1),
    Q8_0(8, BlockFormat.Q8_0),
    Q8_1(9),
    Q2_K(10, BlockFormat.Q2_K),
    Q3_K(11, BlockFormat.Q3_K),
    Q4_K(12, BlockFormat.Q4_K),
    Q5_K(13, BlockFormat.Q5_K),
    Q6_K(14, BlockFormat.Q6_K),
    Q8_K(15, BlockFormat.Q8_K),
    IQ2_XXS(16),
    IQ2_XS(17),
    IQ3_XXS(18),
    IQ1_S(19),
    IQ4_NL(20),
    IQ3_S(21),
    IQ2_S(22),
    IQ4_XS(23),
    I8(24, DType.I8),
    I16(25, DType.I16),
    I32(26, DType.I32),
    I64(27, DType.I64),
    F64(28, DType.F64),
    IQ1_M(29),
    BF16(30, DType.BF16),
    TQ1_0(34),
    TQ2_0(35),
    MXFP4(39),
    NVFP4(40),
    Q1_0(41);

    private final int code;
    private final DType plain;
    private final BlockFormat block;

    GgmlType(int code, DType plain) {
        this(code, plain, null);
    }

    GgmlType(int code, BlockFormat block) {
        this(code, null, block);
    }

    GgmlType(int code) {
        this(code, null, null);
    }

    GgmlType(int code, DType plain, BlockFormat block) {
        this.code = code;
        this.plain = plain;
        this.block = block;
    }

    /** The type's number in a GGUF tensor info. */
    public int code() {
        return code;
    }

    /** Whether jaynes reads tensors of this type. */
    public boolean isSupported() {
        return plain != null || block != null;
    }

    /** Whether this type stores blocks of quantized values (and is read dequantized to f32). */
    public boolean isQuantized() {
        return block != null;
    }

    /** The dtype a tensor of this type is handed over as: its own for plain types, f32 for quantized ones. */
    public Optional<DType> dtype() {
        return block != null ? Optional.of(DType.F32) : Optional.ofNullable(plain);
    }

    /** Values per block: 1 for plain types. Only for supported types. */
    long blockSize() {
        return block != null ? block.blockSize() : 1;
    }

    /** Bytes per block: the element size for plain types. Only for supported types. */
    long bytesPerBlock() {
        return block != null ? block.bytesPerBlock() : plain.byteSize();
    }

    /** The block format of a quantized type. */
    Optional<BlockFormat> blockFormat() {
        return Optional.ofNullable(block);
    }

    /** The type with a code, if ggml defines one. */
    public static Optional<GgmlType> of(long code) {
        for (GgmlType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** {@code F32, F16, Q4_0, ...}: the types jaynes reads, for error messages. */
    static String supported() {
        return Arrays.stream(values()).filter(GgmlType::isSupported).map(Enum::name).collect(Collectors.joining(", "));
    }
}
