package org.jaynes.formats.tflite;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;

/**
 * Walks a tflite Model table and lists its constant tensors ({@link TfliteConstant}): every tensor of
 * every subgraph whose buffer holds bytes, in subgraph then tensor order. A buffer's bytes are its
 * {@code data} vector, or, in models over 2 GiB, the {@code offset} and {@code size} of a region after the
 * flatbuffer (used when {@code offset > 1}, as the schema says). Everything a constant needs is checked
 * here: its buffer index, its shape, its type, its quantization and sparsity, and that its buffer holds
 * exactly the bytes they call for. Tensors without bytes (activations, inputs, outputs) are skipped.
 *
 * <p>A flatbuffer's vectors hold references, and nothing stops every element of one from naming the same
 * table: a subgraph list repeating one subgraph of many tensors, an operator list repeating one operator
 * of many inputs, makes a few megabytes of file describe a walk, and arrays, quadratic in its size. So
 * the walk is charged to a {@link MetadataBudget} as it goes: each constant kept as an entry, each tensor
 * table visited {@value #VISIT_BYTES} bytes, and each per-subgraph and per-operator array its size, before
 * it is allocated.
 */
final class TfliteModelParser {

    static final String TOO_SHORT = "the file is %d bytes long, too short for a TFLite model (8 bytes)";
    static final String NOT_TFLITE = "not a TFLite model: bytes 4 to 7 are %s, expected \"TFL3\"";
    static final String BAD_VERSION = "TFLite schema version %d is not supported (jaynes reads version 3)";
    static final String BAD_BUFFER_INDEX = "tensor %s refers to buffer %d, but the model has %d buffers";
    static final String EXTERNAL_OUTSIDE = "buffer %d: offset %d and size %d pass the end of the file (%d bytes)";
    static final String BAD_DIMENSION = "tensor %s holds values but its shape %s has a negative dimension";
    static final String RANK_TOO_HIGH = "tensor %s has %d dimensions, more than %d";
    static final String TOO_MANY_ELEMENTS = "tensor %s: shape %s has more than 2^63 elements";
    static final String UNKNOWN_TYPE = "tensor %s has unknown TensorType code %d";
    static final String SIZE_MISMATCH = "tensor %s: %s %s needs %d bytes, its buffer %d holds %d";
    static final String TOO_LARGE = "tensor %s: %s %s needs more than 2^63 bytes, its buffer %d holds %d";
    static final String SPARSE_COUNT = "tensor %s: its sparsity reaches %d values, its buffer %d holds %d bytes "
            + "of %s (%d bytes each)";
    static final String SPARSE_TYPE = "tensor %s: sparse %s tensors are not supported";

    /** The most dimensions a tensor may have; tflite kernels handle at most 6. */
    static final int MAX_RANK = 64;

    /** What visiting one tensor table is charged: its slots in the subgraph's arrays and the strings read. */
    static final int VISIT_BYTES = 32;

    private final FlatBuffer buffer;
    private final long fileSize;
    private final MetadataBudget budget;
    private FlatVector buffers;

    private TfliteModelParser(FlatBuffer buffer, long fileSize, MetadataBudget budget) {
        this.buffer = buffer;
        this.fileSize = fileSize;
        this.budget = budget;
    }

    /**
     * The constants of the model in {@code buffer}, walked within a quarter of the heap.
     *
     * @param buffer   the flatbuffer: the file's first bytes, at most 2 GiB
     * @param fileSize the file's size, which bounds the regions of external buffers
     */
    static List<TfliteConstant> parse(FlatBuffer buffer, long fileSize) throws ModelFormatException {
        return parse(buffer, fileSize, MetadataBudget.ofHeap());
    }

    /** The constants of the model in {@code buffer}, the walk charged to {@code budget}. */
    static List<TfliteConstant> parse(FlatBuffer buffer, long fileSize, MetadataBudget budget)
            throws ModelFormatException {
        return new TfliteModelParser(buffer, fileSize, budget).constants();
    }

    private List<TfliteConstant> constants() throws ModelFormatException {
        if (buffer.size() < 8) {
            throw buffer.error(0, TOO_SHORT, fileSize);
        }
        byte[] identifier = new byte[4];
        buffer.slice(4, 4).get(identifier);
        if (!new String(identifier, StandardCharsets.ISO_8859_1).equals(TfliteSchema.IDENTIFIER)) {
            throw buffer.error(4, NOT_TFLITE, quoted(identifier));
        }
        FlatTable model = buffer.root("the model");
        long version = model.u32(TfliteSchema.MODEL_VERSION, 0);
        if (version != 3) {
            throw model.error(BAD_VERSION, version);
        }
        int[] builtin = TfliteOperatorRoles.builtinCodes(model);
        buffers = model.vector(TfliteSchema.MODEL_BUFFERS, 4, "buffers");
        FlatVector subgraphs = model.vector(TfliteSchema.MODEL_SUBGRAPHS, 4, "subgraphs");
        List<TfliteConstant> constants = new ArrayList<>();
        for (int s = 0; s < subgraphs.length(); s++) {
            FlatTable subgraph = subgraphs.table(s, "subgraph " + s);
            FlatVector tensors = subgraph.vector(TfliteSchema.SUBGRAPH_TENSORS, 4, "tensors");
            budget.charge(buffer.file(), subgraph.position(), (long) VISIT_BYTES * tensors.length(), "subgraph",
                    String.valueOf(s));
            Role[] roles = TfliteOperatorRoles.of(subgraph, s, tensors.length(), builtin, budget);
            for (int t = 0; t < tensors.length(); t++) {
                FlatTable tensor = tensors.table(t, "tensor " + t + " of subgraph " + s);
                TfliteConstant constant = constant(tensor, s, t, roles[t]);
                if (constant != null) {
                    budget.chargeEntry(buffer.file(), tensor.position(), "tensor", constant.name());
                    constants.add(constant);
                }
            }
        }
        return constants;
    }

    /** The constant a tensor table describes, or null when its buffer is empty. */
    private TfliteConstant constant(FlatTable tensor, int s, int t, Role role) throws ModelFormatException {
        String name = tensor.string(TfliteSchema.TENSOR_NAME, "name", "tensor_" + s + "_" + t);
        long bufferIndex = tensor.u32(TfliteSchema.TENSOR_BUFFER, 0);
        if (bufferIndex >= buffers.length()) {
            if (bufferIndex == 0) {
                return null; // a model with no buffers at all: nothing is constant
            }
            throw tensor.error(BAD_BUFFER_INDEX, name, bufferIndex, buffers.length());
        }
        long[] region = region(bufferIndex);
        if (region == null) {
            return null;
        }
        int code = tensor.i8(TfliteSchema.TENSOR_TYPE, 0);
        TfliteType type = TfliteType.of(code).orElseThrow(() -> tensor.error(UNKNOWN_TYPE, name, code));
        Shape shape = shape(tensor, name);
        TfliteQuantization quantization = type.isQuantizable() ? TfliteQuantization.parse(tensor, name, shape) : null;
        TfliteSparsity sparsity = TfliteSparsity.parse(tensor, name, shape);
        if (sparsity != null) {
            if (type.dtype().isEmpty() || type == TfliteType.INT4) {
                throw tensor.error(SPARSE_TYPE, name, type);
            }
            int size = type.dtype().get().byteSize();
            if (sparsity.storedValues() * size != region[1]) {
                throw tensor.error(SPARSE_COUNT, name, sparsity.storedValues(), bufferIndex, region[1], type, size);
            }
        } else if (type.dtype().isPresent()) {
            long needed;
            try {
                needed = type.storedBytes(shape.elementCount());
            } catch (ArithmeticException e) {
                throw tensor.error(TOO_LARGE, name, type, shape, bufferIndex, region[1]);
            }
            if (needed != region[1]) {
                throw tensor.error(SIZE_MISMATCH, name, type, shape, needed, bufferIndex, region[1]);
            }
        }
        return new TfliteConstant(s, t, name, type, shape, quantization, sparsity, region[0], region[1], role,
                tensor.position());
    }

    /** The file offset and length of a buffer's bytes, or null when it has none. */
    private long[] region(long index) throws ModelFormatException {
        FlatTable table = buffers.table((int) index, "buffer " + index);
        FlatVector data = table.vector(TfliteSchema.BUFFER_DATA, 1, "data");
        if (data.length() > 0) {
            return new long[] {data.start(), data.length()};
        }
        long offset = table.i64(TfliteSchema.BUFFER_OFFSET, 0);
        long size = table.i64(TfliteSchema.BUFFER_SIZE, 0);
        if (offset == 0 || offset == 1) {
            return null; // "only valid if > 1"
        }
        if (offset < 0 || size < 0 || size > fileSize - offset) {
            throw table.error(EXTERNAL_OUTSIDE, index, offset, size, fileSize);
        }
        return size == 0 ? null : new long[] {offset, size};
    }

    private static Shape shape(FlatTable tensor, String name) throws ModelFormatException {
        FlatVector dims = tensor.vector(TfliteSchema.TENSOR_SHAPE, 4, "shape");
        if (dims.length() > MAX_RANK) {
            throw tensor.error(RANK_TOO_HIGH, name, dims.length(), MAX_RANK);
        }
        int[] values = dims.ints();
        long[] shape = new long[values.length];
        for (int d = 0; d < values.length; d++) {
            if (values[d] < 0) {
                throw tensor.error(BAD_DIMENSION, name, Arrays.toString(values));
            }
            shape[d] = values[d];
        }
        Shape result = Shape.of(shape);
        if (!result.isCountable()) {
            throw tensor.error(TOO_MANY_ELEMENTS, name, result);
        }
        return result;
    }

    private static String quoted(byte[] bytes) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            text.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format(Locale.ROOT, "\\x%02x", c));
        }
        return text.append('"').toString();
    }
}
