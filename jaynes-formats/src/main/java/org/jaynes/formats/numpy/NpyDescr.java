package org.jaynes.formats.numpy;

import java.util.Map;
import java.util.Optional;
import org.jaynes.core.tensor.DType;

/**
 * A numpy type string ({@code descr}) jaynes reads: a byte order ({@code <} little, {@code >} big,
 * {@code |} not applicable, {@code =} native is refused as ambiguous), a kind and an item size. The
 * accepted kinds and sizes are those with a {@link DType}: {@code f8 f4 f2 i8 i4 i2 i1 u2 u1 b1}.
 *
 * @param text      the descr as the header wrote it
 * @param dtype     the element type
 * @param bigEndian whether multi-byte elements are stored most significant byte first
 */
record NpyDescr(String text, DType dtype, boolean bigEndian) {

    static final String ACCEPTED = "f8, f4, f2, i8, i4, i2, i1, u2, u1, b1 with byte order '<', '>' or '|'";

    private static final Map<String, DType> KINDS = Map.of(
            "f8", DType.F64, "f4", DType.F32, "f2", DType.F16,
            "i8", DType.I64, "i4", DType.I32, "i2", DType.I16, "i1", DType.I8,
            "u2", DType.U16, "u1", DType.U8, "b1", DType.BOOL);

    private static final Map<String, String> KNOWN_UNSUPPORTED = Map.ofEntries(
            Map.entry("u4", "uint32"), Map.entry("u8", "uint64"), Map.entry("c8", "complex64"),
            Map.entry("c16", "complex128"), Map.entry("f16", "float128"), Map.entry("f12", "float96"),
            Map.entry("V2", "void (e.g. bfloat16 from ml_dtypes)"), Map.entry("O", "object (pickled Python objects)"));

    /** The descr a header names, or empty when jaynes does not read it. */
    static Optional<NpyDescr> parse(String text) {
        if (text.length() < 2) {
            return Optional.empty();
        }
        char order = text.charAt(0);
        DType dtype = KINDS.get(text.substring(1));
        if (dtype == null || order != '<' && order != '>' && order != '|') {
            return Optional.empty();
        }
        if (order == '|' && dtype.byteSize() > 1) {
            return Optional.empty(); // numpy writes '|' only for single bytes
        }
        return Optional.of(new NpyDescr(text, dtype, order == '>' && dtype.byteSize() > 1));
    }

    /** What an unsupported descr is, when numpy has a name for it: {@code complex64}. */
    static Optional<String> describe(String text) {
        String body = text.isEmpty() || "<>|=".indexOf(text.charAt(0)) < 0 ? text : text.substring(1);
        if (text.length() > 1 && text.charAt(0) == '=' && KINDS.containsKey(body)) {
            return Optional.of("native byte order, which a file cannot state");
        }
        return Optional.ofNullable(KNOWN_UNSUPPORTED.get(body));
    }
}
