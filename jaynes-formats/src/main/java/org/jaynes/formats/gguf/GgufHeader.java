package org.jaynes.formats.gguf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;

/**
 * The checked header of a GGUF file: version, metadata, alignment, tensor infos and where the data
 * section starts.
 *
 * <p>Layout (little-endian): the magic {@code GGUF}, a u32 version (2 or 3), a u64 tensor count, a u64
 * metadata pair count, the pairs (u64-length key, u32 value type, value), then per tensor a u64-length
 * name, a u32 dimension count (at most 4), that many u64 dimensions innermost first, a u32 ggml type and
 * a u64 offset into the data section. The data section starts at the end of the tensor infos rounded up
 * to the alignment: {@code general.alignment} (a u32 power of two) or 32.
 *
 * <p>A header is accepted when every tensor has a supported type, a shape whose size fits a long and
 * whose rows are whole blocks, an offset that is a multiple of the alignment, and data that lies inside
 * the file and shares no byte with another tensor. Reading costs one pass over the header through a
 * small buffer; see {@link MetadataParser} for the bounds on metadata. Tensor infos are charged to a
 * {@link MetadataBudget}: 24 bytes of file make one, so a header within {@link #MAX_COUNT} could still
 * list more than a small heap holds.
 *
 * @param file      the file
 * @param version   2 or 3
 * @param alignment the data alignment in bytes
 * @param metadata  the metadata pairs, in file order
 * @param tensors   the tensor infos, in file order
 * @param dataStart the file offset of the data section
 */
public record GgufHeader(Path file, int version, long alignment, GgufMetadata metadata,
                         List<GgufTensorInfo> tensors, long dataStart) {

    static final String TOO_SHORT = "the file is %d bytes long, too short for a GGUF header (24 bytes)";
    static final String BAD_MAGIC = "not a GGUF file: it starts with %s, expected \"GGUF\"";
    static final String BIG_ENDIAN = "big-endian GGUF files are not supported (version field 0x%08x)";
    static final String BAD_VERSION = "GGUF version %d is not supported (jaynes reads versions 2 and 3)";
    static final String TOO_MANY = "the header claims %s %s; the file (%d bytes) holds at most %d";
    static final String NAME_TOO_LONG = "tensor %d: its name is %s bytes long; names are at most %d bytes";
    static final String NAMES_TOO_LARGE = "tensor names take more than %d bytes";
    static final String DUPLICATE_NAME = "tensor %s appears twice";
    static final String BAD_RANK = "tensor %s has %d dimensions; GGUF allows at most %d";
    static final String BAD_DIMENSION = "tensor %s: dimension %d is %s, beyond the largest a tensor may have (2^63 - 1)";
    static final String TOO_LARGE = "tensor %s: shape %s has more elements than a tensor may hold";
    static final String UNKNOWN_TYPE = "tensor %s has unknown ggml type %d; jaynes reads %s";
    static final String UNSUPPORTED_TYPE = "tensor %s has ggml type %s (%d), which jaynes does not read; it reads %s";
    static final String PARTIAL_BLOCK = "tensor %s: rows of %d values are not whole %s blocks of %d";
    static final String BAD_ALIGNMENT_TYPE = "general.alignment is a %s, expected a UINT32";
    static final String BAD_ALIGNMENT = "general.alignment is %s, expected a power of two";
    static final String MISALIGNED = "tensor %s: data offset %s is not a multiple of the alignment %d";
    static final String OUTSIDE = "tensor %s: its %d bytes at data offset %s end past the end of the file "
            + "(the data section holds %d bytes)";
    static final String OVERLAP = "tensor %s: bytes [%d, %d) of the data section overlap tensor %s at [%d, %d)";

    /** The most dimensions a ggml tensor has. */
    static final int MAX_DIMS = 4;
    /** Tensor names are at most this long (ggml itself allows 63 bytes). */
    static final int MAX_NAME_BYTES = 65_535;
    /** The most tensors or metadata pairs a header may claim, whatever the file's size. */
    static final long MAX_COUNT = 1L << 20;
    static final long DEFAULT_ALIGNMENT = 32;

    private static final int MAGIC = 0x4655_4747; // "GGUF" read little-endian
    /** The fewest bytes a tensor info takes: name length, dimension count, type, offset. */
    private static final int MIN_TENSOR_INFO = 24;
    /** The fewest bytes a metadata pair takes: key length, value type, a one-byte value. */
    private static final int MIN_PAIR = 13;

    public GgufHeader {
        tensors = List.copyOf(tensors);
    }

    /** Reads and checks the header of {@code file}, its tensor infos within a quarter of the heap. */
    public static GgufHeader read(Path file) throws IOException, ModelFormatException {
        return read(file, MetadataBudget.ofHeap());
    }

    /** Reads and checks the header of {@code file}, each tensor info charged to {@code budget}. */
    static GgufHeader read(Path file, MetadataBudget budget) throws IOException, ModelFormatException {
        try (GgufInput in = new GgufInput(file)) {
            if (in.size() < 24) {
                if (in.size() >= 4) {
                    magic(in);
                }
                throw in.error(0, TOO_SHORT, in.size());
            }
            magic(in);
            long versionField = in.u32("the version");
            if ((versionField & 0xFFFF) == 0 && versionField != 0) {
                throw in.error(4, BIG_ENDIAN, versionField);
            }
            if (versionField != 2 && versionField != 3) {
                throw in.error(4, BAD_VERSION, versionField);
            }
            long tensorCount = count(in, "tensors", MIN_TENSOR_INFO);
            long pairCount = count(in, "metadata pairs", MIN_PAIR);
            GgufMetadata metadata = MetadataParser.parse(in, pairCount);
            long alignment = alignment(in, metadata);
            List<GgufTensorInfo> infos = new ArrayList<>();
            Set<String> names = new HashSet<>();
            long nameBudget = MetadataParser.BUDGET_BYTES;
            for (long i = 0; i < tensorCount; i++) {
                GgufTensorInfo info = tensorInfo(in, i);
                budget.chargeEntry(file, info.infoAt(), "tensor", info.name());
                if (!names.add(info.name())) {
                    throw in.error(info.infoAt(), DUPLICATE_NAME, info.name());
                }
                nameBudget -= info.name().length();
                if (nameBudget < 0) {
                    throw in.error(info.infoAt(), NAMES_TOO_LARGE, MetadataParser.BUDGET_BYTES);
                }
                infos.add(info);
            }
            long dataStart = alignUp(in.position(), alignment);
            checkData(in, infos, alignment, dataStart);
            return new GgufHeader(file, (int) versionField, alignment, metadata, infos, dataStart);
        }
    }

    private static void magic(GgufInput in) throws IOException, ModelFormatException {
        int magic = in.i32("the magic");
        if (magic != MAGIC) {
            StringBuilder text = new StringBuilder("0x");
            for (int i = 0; i < 4; i++) {
                text.append(String.format(Locale.ROOT, "%02x", (magic >>> (8 * i)) & 0xFF));
            }
            throw in.error(0, BAD_MAGIC, text);
        }
    }

    /** A u64 count of items each at least {@code minimumBytes} long, bounded by the file and {@link #MAX_COUNT}. */
    private static long count(GgufInput in, String what, int minimumBytes) throws IOException, ModelFormatException {
        long at = in.position();
        long count = in.u64("the number of " + what);
        long room = Math.min(MAX_COUNT, (in.size() - 24) / minimumBytes);
        if (count < 0 || count > room) {
            throw in.error(at, TOO_MANY, Long.toUnsignedString(count), what, in.size(), room);
        }
        return count;
    }

    private static long alignment(GgufInput in, GgufMetadata metadata) throws ModelFormatException {
        for (GgufMetadata.Entry e : metadata.entries()) {
            if (e.key().equals("general.alignment")) {
                if (e.value().type() != GgufValueType.UINT32) {
                    throw in.error(e.offset(), BAD_ALIGNMENT_TYPE, e.value().type());
                }
                long value = ((GgufValue.GgufInteger) e.value()).value();
                if (value == 0 || Long.bitCount(value) != 1) {
                    throw in.error(e.offset(), BAD_ALIGNMENT, value);
                }
                return value;
            }
        }
        return DEFAULT_ALIGNMENT;
    }

    private static GgufTensorInfo tensorInfo(GgufInput in, long index) throws IOException, ModelFormatException {
        long at = in.position();
        long nameLength = in.u64("the name length of tensor " + index);
        if (nameLength < 0 || nameLength > MAX_NAME_BYTES) {
            throw in.error(at, NAME_TOO_LONG, index, Long.toUnsignedString(nameLength), MAX_NAME_BYTES);
        }
        String name = in.utf8((int) nameLength, true, "the name of tensor " + index);
        long rankAt = in.position();
        long rank = in.u32("the dimension count of tensor " + name);
        if (rank > MAX_DIMS) {
            throw in.error(rankAt, BAD_RANK, name, rank, MAX_DIMS);
        }
        long[] dims = new long[(int) rank];
        for (int d = 0; d < rank; d++) {
            long dimAt = in.position();
            long dim = in.u64("dimension " + d + " of tensor " + name);
            if (dim < 0) {
                throw in.error(dimAt, BAD_DIMENSION, name, d, Long.toUnsignedString(dim));
            }
            dims[(int) rank - 1 - d] = dim; // GGUF stores the innermost dimension first
        }
        Shape shape = Shape.of(dims);
        long typeAt = in.position();
        long code = in.u32("the type of tensor " + name);
        GgmlType type = GgmlType.of(code)
                .orElseThrow(() -> in.error(typeAt, UNKNOWN_TYPE, name, code, GgmlType.supported()));
        if (!type.isSupported()) {
            throw in.error(typeAt, UNSUPPORTED_TYPE, name, type, code, GgmlType.supported());
        }
        long offset = in.u64("the data offset of tensor " + name);
        long bytes;
        try {
            long elements = shape.elementCount();
            Math.multiplyExact(elements, 4L); // the dequantized f32 values must be countable too
            long row = rank == 0 ? 1 : dims[(int) rank - 1];
            if (row % type.blockSize() != 0) {
                throw in.error(typeAt, PARTIAL_BLOCK, name, row, type, type.blockSize());
            }
            bytes = Math.multiplyExact(elements / type.blockSize(), type.bytesPerBlock());
        } catch (ArithmeticException overflow) {
            throw in.error(rankAt, TOO_LARGE, name, shape);
        }
        return new GgufTensorInfo(name, shape, type, offset, bytes, at);
    }

    /** Every tensor's data: aligned, inside the file, and apart from the others. */
    private static void checkData(GgufInput in, List<GgufTensorInfo> infos, long alignment, long dataStart)
            throws ModelFormatException {
        long dataLength = Math.max(0, in.size() - dataStart);
        for (GgufTensorInfo t : infos) {
            if (Long.remainderUnsigned(t.offset(), alignment) != 0) {
                throw in.error(t.infoAt(), MISALIGNED, t.name(), Long.toUnsignedString(t.offset()), alignment);
            }
            if (t.offset() < 0 || t.offset() > dataLength || t.bytes() > dataLength - t.offset()) {
                throw in.error(t.infoAt(), OUTSIDE, t.name(), t.bytes(), Long.toUnsignedString(t.offset()), dataLength);
            }
        }
        List<GgufTensorInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparingLong(GgufTensorInfo::offset));
        GgufTensorInfo reach = null; // of the tensors so far, the one ending last
        for (GgufTensorInfo t : sorted) {
            if (t.bytes() == 0) {
                continue;
            }
            if (reach != null && t.offset() < reach.offset() + reach.bytes()) {
                throw in.error(t.infoAt(), OVERLAP, t.name(), t.offset(), t.offset() + t.bytes(), reach.name(),
                        reach.offset(), reach.offset() + reach.bytes());
            }
            if (reach == null || t.offset() + t.bytes() > reach.offset() + reach.bytes()) {
                reach = t;
            }
        }
    }

    private static long alignUp(long position, long alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }
}
