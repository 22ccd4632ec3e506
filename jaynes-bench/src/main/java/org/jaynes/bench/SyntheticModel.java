package org.jaynes.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.jaynes.core.Checks;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.safetensors.SafetensorsWriter;
import org.jaynes.formats.safetensors.TensorBytesWriter;
import org.jaynes.formats.safetensors.WritableTensor;

/**
 * Writes a synthetic model of any size: a safetensors file of rank-2 tensors of Gaussian weights.
 * <pre>{@code
 * java -cp jaynes-bench/target/jaynes-bench.jar org.jaynes.bench.SyntheticModel /tmp/m.safetensors bf16 1G
 * SyntheticModel.write(Path.of("m.safetensors"), DType.F32, 256L << 20, SyntheticModel.TENSOR_BYTES, 0.02, 1);
 * }</pre>
 *
 * <p>Tensors are named {@code layers.<i>.weight} and have {@value #COLUMNS} columns; each holds
 * {@code tensorBytes} bytes (rounded down to whole rows, at least one row) except the last, which takes
 * the rest, so the data area is {@code totalBytes} rounded to a whole row. Values are N(0, std²) from
 * {@link SplittableRandom} (one split stream per tensor, so the file is the same bit for bit for the same
 * arguments), rounded once to the dtype, nearest with ties to even. Values are generated while the file
 * is written, through a buffer of {@value #CHUNK_BYTES} bytes, so the heap stays small for any size.
 */
public final class SyntheticModel {

    /** The size of each tensor the command line writes: 64 MiB. */
    public static final long TENSOR_BYTES = 64L << 20;
    /** Columns of every tensor. */
    public static final int COLUMNS = 4096;
    /** The standard deviation the command line uses: a typical initialisation scale. */
    public static final double DEFAULT_STANDARD_DEVIATION = 0.02;
    /** The seed the command line uses. */
    public static final long DEFAULT_SEED = 20240601L;

    static final String USAGE = "usage: SyntheticModel FILE f32|f16|bf16 BYTES[k|M|G] [STD [SEED]]";
    private static final int CHUNK_BYTES = 1 << 20;

    private SyntheticModel() {
    }

    /**
     * Writes the file and returns the shapes of its tensors.
     *
     * @throws IllegalArgumentException unless dtype is F32, F16 or BF16, totalBytes and tensorBytes are
     *                                  positive and standardDeviation is positive and finite
     */
    public static List<Shape> write(Path file, DType dtype, long totalBytes, long tensorBytes,
            double standardDeviation, long seed) throws IOException {
        List<Shape> shapes = layout(dtype, totalBytes, tensorBytes);
        Checks.positiveFinite("standard deviation", standardDeviation);
        SplittableRandom root = new SplittableRandom(seed);
        List<WritableTensor> tensors = new ArrayList<>(shapes.size());
        for (int i = 0; i < shapes.size(); i++) {
            Shape shape = shapes.get(i);
            TensorBytesWriter bytes = gaussian(dtype, shape.elementCount(), root.split(), standardDeviation);
            tensors.add(new WritableTensor("layers." + i + ".weight", dtype, shape, bytes));
        }
        SafetensorsWriter.write(file, tensors);
        return shapes;
    }

    /** The shapes {@link #write} uses. */
    static List<Shape> layout(DType dtype, long totalBytes, long tensorBytes) {
        if (dtype != DType.F32 && dtype != DType.F16 && dtype != DType.BF16) {
            throw new IllegalArgumentException("dtype must be f32, f16 or bf16, not " + dtype.label());
        }
        if (!(totalBytes > 0 && tensorBytes > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "sizes must be positive: total %d bytes, tensors of %d bytes", totalBytes, tensorBytes));
        }
        long rowBytes = (long) COLUMNS * dtype.byteSize();
        long rowsLeft = Math.max(1, Math.round((double) totalBytes / rowBytes));
        long rowsPerTensor = Math.max(1, tensorBytes / rowBytes);
        List<Shape> shapes = new ArrayList<>();
        while (rowsLeft > 0) {
            long rows = Math.min(rowsLeft, rowsPerTensor);
            shapes.add(Shape.of(rows, COLUMNS));
            rowsLeft -= rows;
        }
        return shapes;
    }

    private static TensorBytesWriter gaussian(DType dtype, long elements, RandomGenerator random, double std) {
        return out -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (long left = elements; left > 0; ) {
                int count = (int) Math.min(left, CHUNK_BYTES / dtype.byteSize());
                buffer.clear().limit(count * dtype.byteSize());
                fill(buffer, dtype, random, std);
                TensorBytesWriter.writeFully(out, buffer.flip());
                left -= count;
            }
        };
    }

    /**
     * Puts N(0, std²) values of {@code dtype} (F32, F16 or BF16), little-endian, from the buffer's position
     * to its limit, leaving the position at the limit; the buffer must be little-endian.
     */
    public static void fill(ByteBuffer buffer, DType dtype, RandomGenerator random, double std) {
        int count = buffer.remaining() / dtype.byteSize();
        switch (dtype) {
            case F32 -> {
                for (int i = 0; i < count; i++) {
                    buffer.putFloat((float) (std * random.nextGaussian()));
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    buffer.putShort((short) smallFloatBits(std * random.nextGaussian(), 5, 10));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    buffer.putShort((short) smallFloatBits(std * random.nextGaussian(), 8, 7));
                }
            }
            default -> throw new IllegalArgumentException("dtype must be f32, f16 or bf16, not " + dtype.label());
        }
    }

    /**
     * The bit pattern of the binary float with the given field widths nearest to {@code x}, ties to even:
     * (5, 10) is IEEE binary16, (8, 7) bfloat16. Magnitudes that round past the largest finite value give
     * infinity; NaN gives the quiet NaN.
     *
     * <p>Implementation note: the magnitude is scaled (exactly) to units of the last mantissa place of its
     * binade, subnormals sharing the lowest binade, and rounded by {@link Math#rint}. Adding those units to
     * the binade's exponent field less one carries a round-up into the next binade, or into infinity, by
     * itself.
     */
    static int smallFloatBits(double x, int exponentBits, int mantissaBits) {
        int sign = Double.doubleToRawLongBits(x) < 0 ? 1 << (exponentBits + mantissaBits) : 0;
        int bias = (1 << (exponentBits - 1)) - 1;
        int infinity = ((1 << exponentBits) - 1) << mantissaBits;
        if (Double.isNaN(x)) {
            return sign | infinity | 1 << (mantissaBits - 1);
        }
        double magnitude = Math.abs(x);
        int exponent = Math.max(Math.getExponent(magnitude), 1 - bias);
        if (exponent > bias) {
            return sign | infinity;
        }
        long units = (long) Math.rint(Math.scalb(magnitude, mantissaBits - exponent));
        return sign | (int) (((long) (exponent + bias - 1) << mantissaBits) + units);
    }

    /** Writes a file: {@value #USAGE}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 5) {
            fail(USAGE);
            return;
        }
        try {
            Path file = Path.of(args[0]);
            DType dtype = DType.valueOf(args[1].toUpperCase(Locale.ROOT));
            long bytes = parseBytes(args[2]);
            double std = args.length > 3 ? Double.parseDouble(args[3]) : DEFAULT_STANDARD_DEVIATION;
            long seed = args.length > 4 ? Long.parseLong(args[4]) : DEFAULT_SEED;
            List<Shape> shapes = write(file, dtype, bytes, TENSOR_BYTES, std, seed);
            long elements = shapes.stream().mapToLong(Shape::elementCount).sum();
            System.out.printf(Locale.ROOT, "%s: %d %s tensors, %d values, %d data bytes, std %s, seed %d%n",
                    file, shapes.size(), dtype.label(), elements, elements * dtype.byteSize(), std, seed);
        } catch (IllegalArgumentException | ArithmeticException e) {
            fail(e.getMessage() + "\n" + USAGE);
        }
    }

    /** {@code 1048576}, {@code 512k}, {@code 64M}, {@code 1G}: binary multiples. */
    static long parseBytes(String text) {
        String digits = text;
        int shift = 0;
        switch (text.isEmpty() ? ' ' : Character.toUpperCase(text.charAt(text.length() - 1))) {
            case 'K' -> shift = 10;
            case 'M' -> shift = 20;
            case 'G' -> shift = 30;
            default -> {
            }
        }
        if (shift > 0) {
            digits = text.substring(0, text.length() - 1);
        }
        return Math.multiplyExact(Long.parseLong(digits), 1L << shift);
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
