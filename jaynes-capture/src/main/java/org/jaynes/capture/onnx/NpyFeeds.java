package org.jaynes.capture.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.numpy.NumpyReader;

/**
 * Model inputs read from NumPy files ({@code --inputs FILE}), batch by batch over the first dimension.
 * <pre>{@code
 * NpyFeeds feeds = NpyFeeds.open(Path.of("images.npy"), graph.inputs());
 * for (long row = 0; row < feeds.rows(); row += feeds.batchRows(32)) {
 *     capture.run(feeds.batch(row, feeds.batchRows(32)), sink);
 * }
 * }</pre>
 *
 * <p>A {@code .npy} array feeds a model with one input; an {@code .npz} archive feeds any model, one
 * array per input, named as the input. Arrays are read with jaynes' {@link NumpyReader} and checked
 * against the inputs when opened: float inputs take {@code f4} arrays (rounded when fed to a float16 or
 * bfloat16 input) and int64 inputs {@code i8} (other input types are refused); the ranks must agree, and
 * every fixed dimension must match, except that a fixed first dimension {@code b} takes any multiple of
 * {@code b} rows, fed {@code b} at a time.
 * All arrays must have the same number of rows. Fortran-order arrays are refused: their values are not
 * in the row-major order a model reads. Problems are one-line {@link ModelFormatException}s naming
 * the file, the array and both shapes or types.
 *
 * <p>Values stay in the file and each batch reads only its rows, so memory grows with the batch, not
 * with the file.
 */
public final class NpyFeeds {

    static final String NOT_SINGLE = "the model has %d inputs (%s); give an .npz with one array per input name";
    static final String MISSING = "no array named '%s' for the model's input of that name; the arrays are %s";
    static final String EXTRA = "array '%s' is no input of the model; its inputs are %s";
    static final String WRONG_DTYPE = "array '%s' is %s, but the model's input '%s' is %s: expected %s";
    static final String WRONG_SHAPE = "array '%s' has shape %s, but the model's input '%s' wants %s (-1: any size)";
    static final String ROWS_DIFFER = "array '%s' has %d rows but array '%s' has %d: each input needs one row per sample";
    static final String FORTRAN = "array '%s' is stored in Fortran order; save it with numpy.ascontiguousarray";
    static final String NO_ROWS = "array '%s' has no rows";
    static final String UNSUPPORTED_INPUT = "the model's input '%s' is %s; jaynes feeds float32, float16, bfloat16 "
            + "and int64 inputs";

    private static final Pattern FORTRAN_ORDER = Pattern.compile("'fortran_order'\\s*:\\s*True");
    private static final int HEADER_BYTES = 4096;

    private final Map<String, Tensor> arrays;
    private final Map<String, ModelInput> inputs;
    private final long rows;
    private final long fixedBatch;

    private NpyFeeds(Map<String, Tensor> arrays, Map<String, ModelInput> inputs, long rows, long fixedBatch) {
        this.arrays = arrays;
        this.inputs = inputs;
        this.rows = rows;
        this.fixedBatch = fixedBatch;
    }

    /** Opens {@code file} (.npy or .npz) as the feeds of a model with {@code inputs}, checking them. */
    public static NpyFeeds open(Path file, List<ModelInput> inputs) throws IOException, ModelFormatException {
        List<Tensor> tensors = new NumpyReader().read(file).tensors();
        boolean archive = isZip(file);
        String inputNames = inputs.stream().map(ModelInput::name).collect(Collectors.joining(", "));
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        if (!archive) {
            if (inputs.size() != 1) {
                throw error(file, NOT_SINGLE, inputs.size(), inputNames);
            }
            arrays.put(inputs.get(0).name(), tensors.get(0));
        } else {
            Map<String, Tensor> byName = new LinkedHashMap<>();
            tensors.forEach(t -> byName.put(t.name(), t));
            for (String name : byName.keySet()) {
                if (inputs.stream().noneMatch(input -> input.name().equals(name))) {
                    throw error(file, EXTRA, name, inputNames);
                }
            }
            for (ModelInput input : inputs) {
                Tensor tensor = byName.get(input.name());
                if (tensor == null) {
                    throw error(file, MISSING, input.name(), String.join(", ", byName.keySet()));
                }
                arrays.put(input.name(), tensor);
            }
        }
        Map<String, ModelInput> byInput = new LinkedHashMap<>();
        long rows = -1;
        String firstArray = "";
        long fixedBatch = 0;
        for (ModelInput input : inputs) {
            Tensor tensor = arrays.get(input.name());
            check(file, tensor, input);
            if (isFortranOrder(file, archive, tensor)) {
                throw error(file, FORTRAN, tensor.name());
            }
            long arrayRows = tensor.shape().dim(0);
            if (arrayRows == 0) {
                throw error(file, NO_ROWS, tensor.name());
            }
            if (rows >= 0 && arrayRows != rows) {
                throw error(file, ROWS_DIFFER, tensor.name(), arrayRows, firstArray, rows);
            }
            rows = arrayRows;
            firstArray = tensor.name();
            if (!input.isDynamic(0)) {
                fixedBatch = input.shape()[0];
            }
            byInput.put(input.name(), input);
        }
        return new NpyFeeds(arrays, byInput, rows, fixedBatch);
    }

    private static void check(Path file, Tensor tensor, ModelInput input) throws ModelFormatException {
        DType wanted = switch (input.type()) {
            case FLOAT32, FLOAT16, BFLOAT16 -> DType.F32;
            case INT64 -> DType.I64;
            default -> throw error(file, UNSUPPORTED_INPUT, input.name(), input.type().label());
        };
        if (tensor.dtype() != wanted) {
            throw error(file, WRONG_DTYPE, tensor.name(), tensor.dtype().label(), input.name(), input.type().label(),
                    wanted.label());
        }
        long[] shape = tensor.shape().dims();
        long[] expected = input.shape();
        boolean fits = shape.length == expected.length && shape.length > 0;
        for (int d = 0; fits && d < shape.length; d++) {
            fits = expected[d] < 0 || (d == 0 ? expected[d] > 0 && shape[d] % expected[d] == 0 : shape[d] == expected[d]);
        }
        if (!fits) {
            throw error(file, WRONG_SHAPE, tensor.name(), Arrays.toString(shape), input.name(), Arrays.toString(expected));
        }
    }

    /** The samples in the file: the size of every array's first dimension. */
    public long rows() {
        return rows;
    }

    /** The rows to feed at once when {@code wanted} are asked for: the model's fixed batch size, if it has one. */
    public int batchRows(int wanted) {
        if (wanted < 1) {
            throw new IllegalArgumentException("a batch needs at least one row, not " + wanted);
        }
        return fixedBatch > 0 ? (int) fixedBatch : wanted;
    }

    /** Rows {@code [first, first + count)} of every array (fewer at the end of the file). */
    public Map<String, FeedTensor> batch(long first, int count) throws IOException {
        if (first < 0 || count < 1 || first >= rows) {
            throw new IndexOutOfBoundsException("rows [" + first + ", " + (first + count) + ") of " + rows);
        }
        long taken = Math.min(count, rows - first);
        Map<String, FeedTensor> feeds = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> entry : arrays.entrySet()) {
            Tensor tensor = entry.getValue();
            long[] shape = tensor.shape().dims();
            long rowSize = tensor.elementCount() / shape[0];
            int elements = Math.toIntExact(taken * rowSize);
            int itemBytes = tensor.dtype().byteSize();
            ByteBuffer bytes = tensor.data().window(first * rowSize * itemBytes, Math.multiplyExact(elements, itemBytes));
            shape[0] = taken;
            if (inputs.get(entry.getKey()).type().isFloat()) {
                float[] values = new float[elements];
                bytes.asFloatBuffer().get(values);
                feeds.put(entry.getKey(), new FeedTensor.Float32(shape, values));
            } else {
                long[] values = new long[elements];
                bytes.asLongBuffer().get(values);
                feeds.put(entry.getKey(), new FeedTensor.Int64(shape, values));
            }
        }
        return feeds;
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
        }
    }

    /** Whether the array's header says Fortran order; jaynes' reader accepts it but keeps no flag. */
    private static boolean isFortranOrder(Path file, boolean archive, Tensor tensor) throws IOException {
        byte[] head;
        if (archive) {
            try (ZipFile zip = new ZipFile(file.toFile())) {
                ZipEntry entry = zip.getEntry(tensor.storedName());
                try (InputStream in = zip.getInputStream(entry)) {
                    head = in.readNBytes(HEADER_BYTES);
                }
            }
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(HEADER_BYTES);
            }
        }
        return FORTRAN_ORDER.matcher(new String(head, StandardCharsets.ISO_8859_1)).find();
    }

    private static ModelFormatException error(Path file, String template, Object... args) {
        return ModelFormatException.at(file, ModelFormatException.NO_OFFSET, template, args);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d rows of %s", rows, arrays.keySet());
    }
}
