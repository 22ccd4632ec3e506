package org.jaynes.formats.idx;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.jaynes.formats.ModelFormatException;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/): a
 * big-endian magic of two zero bytes, a type byte (only 0x08, unsigned byte, is read) and the rank, then
 * one 32-bit big-endian size per dimension and the data. Files compressed with gzip (as Debian ships
 * them) are recognised by their first two bytes and read through a decompressor. The one IDX reader of
 * jaynes: training ({@code jaynes-nn}) and the Boltzmann machines ({@code jaynes-dynamics}) both use it.
 *
 * <p>Hostile headers are refused in one line before any large allocation: a negative dimension, sizes
 * whose product overflows an array, and data the file does not hold. The data array grows as bytes arrive
 * (at most doubling), so a header that lies about its size costs no more memory than the file's content.
 * Stateless.
 */
public final class IdxReader {

    /** The magic of an image file: unsigned bytes, three dimensions (count, rows, columns). */
    public static final int IMAGES = 0x00000803;

    static final String NOT_IDX = "not an IDX file: the magic 0x%08x does not start with two zero bytes";
    static final String NOT_IMAGES = "expected the IDX image magic 0x%08x, found 0x%08x";
    static final String UNSUPPORTED_TYPE = "IDX element type 0x%02x is not supported (expected 0x08, unsigned byte)";
    static final String NO_RANK = "IDX rank must be at least 1, not %d";
    static final String NEGATIVE = "dimension %d is negative: %d";
    static final String TOO_MANY = "%d elements are too many for one array";
    static final String TRUNCATED = "the IDX file ends before its header and data are complete";

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;
    private static final int FIRST_CHUNK = 1 << 20;

    private IdxReader() {
    }

    /**
     * An IDX array of unsigned bytes.
     *
     * @param dimensions the sizes, outermost first
     * @param data       the values, row-major
     */
    public record IdxArray(int[] dimensions, byte[] data) {

        /** Elements per outermost index: the product of every dimension after the first. */
        public int rowSize() {
            int size = 1;
            for (int d = 1; d < dimensions.length; d++) {
                size *= dimensions[d];
            }
            return size;
        }
    }

    /** Reads {@code file}, gzip-compressed or not. */
    public static IdxArray read(Path file) throws IOException, ModelFormatException {
        return read(file, 0, Integer.MAX_VALUE);
    }

    /**
     * The first {@code limit} images of an image file ({@link #IMAGES}): dimensions {@code [n, rows, columns]}
     * with {@code n} at most {@code limit}.
     */
    public static IdxArray readImages(Path file, int limit) throws IOException, ModelFormatException {
        return read(file, IMAGES, limit);
    }

    /** Reads at most {@code limit} outermost rows; {@code magic}, unless 0, is the one the file must have. */
    private static IdxArray read(Path file, int magic, int limit) throws IOException, ModelFormatException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream stream = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, BUFFER_BYTES) : raw;
            return read(file, new DataInputStream(stream), magic, limit);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, ModelFormatException.NO_OFFSET, "no such file");
        }
    }

    private static IdxArray read(Path file, DataInputStream in, int expected, int limit)
            throws IOException, ModelFormatException {
        try {
            int magic = in.readInt();
            if (expected != 0 && magic != expected) {
                throw ModelFormatException.at(file, 0, NOT_IMAGES, expected, magic);
            }
            if ((magic >>> 16) != 0) {
                throw ModelFormatException.at(file, 0, NOT_IDX, magic);
            }
            int type = (magic >>> 8) & 0xff;
            if (type != UNSIGNED_BYTE) {
                throw ModelFormatException.at(file, 2, UNSUPPORTED_TYPE, type);
            }
            int rank = magic & 0xff;
            if (rank < 1) {
                throw ModelFormatException.at(file, 3, NO_RANK, rank);
            }
            int[] dimensions = new int[rank];
            long count = 1;
            // a row's size is bounded on its own too: with no rows to read, the product alone would not be
            long rowSize = 1;
            for (int d = 0; d < rank; d++) {
                dimensions[d] = in.readInt();
                if (dimensions[d] < 0) {
                    throw ModelFormatException.at(file, 4 + 4L * d, NEGATIVE, d, dimensions[d]);
                }
                count *= d == 0 ? Math.min(dimensions[d], limit) : dimensions[d];
                rowSize *= d == 0 ? 1 : dimensions[d];
                if (count > MAX_ELEMENTS || rowSize > MAX_ELEMENTS) {
                    throw ModelFormatException.at(file, 4 + 4L * d, TOO_MANY, Math.max(count, rowSize));
                }
            }
            dimensions[0] = Math.min(dimensions[0], limit);
            return new IdxArray(dimensions, readData(in, (int) count));
        } catch (EOFException e) {
            throw new ModelFormatException(file, ModelFormatException.NO_OFFSET, TRUNCATED);
        }
    }

    /** {@code count} bytes, in an array that grows as they arrive, so that a lying header costs nothing. */
    private static byte[] readData(DataInputStream in, int count) throws IOException {
        byte[] data = new byte[Math.min(count, FIRST_CHUNK)];
        int filled = 0;
        while (filled < count) {
            if (filled == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(count, 2L * data.length));
            }
            in.readFully(data, filled, data.length - filled);
            filled = data.length;
        }
        return data;
    }
}
