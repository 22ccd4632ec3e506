package org.jaynes.nn.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.jaynes.formats.ModelFormatException;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/): a
 * big-endian magic of two zero bytes, a type byte (only 0x08, unsigned byte, is read) and the rank, then
 * one 32-bit big-endian size per dimension and the data. Files compressed with gzip (as Debian ships
 * them) are recognised by their first two bytes and read through a decompressor. Stateless.
 */
public final class IdxReader {

    private static final int UNSIGNED_BYTE = 0x08;

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
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream stream = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            return read(file, new DataInputStream(stream));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, ModelFormatException.NO_OFFSET, "no such file");
        }
    }

    private static IdxArray read(Path file, DataInputStream in) throws IOException, ModelFormatException {
        try {
            int magic = in.readInt();
            if ((magic >>> 16) != 0) {
                throw ModelFormatException.at(file, 0, "not an IDX file: the magic 0x%08x does not start with two "
                        + "zero bytes", magic);
            }
            int type = (magic >>> 8) & 0xff;
            if (type != UNSIGNED_BYTE) {
                throw ModelFormatException.at(file, 2, "IDX element type 0x%02x is not supported (expected 0x08, "
                        + "unsigned byte)", type);
            }
            int rank = magic & 0xff;
            if (rank < 1) {
                throw ModelFormatException.at(file, 3, "IDX rank must be at least 1, not %d", rank);
            }
            int[] dimensions = new int[rank];
            long count = 1;
            for (int d = 0; d < rank; d++) {
                dimensions[d] = in.readInt();
                if (dimensions[d] < 0) {
                    throw ModelFormatException.at(file, 4 + 4L * d, "dimension %d is negative: %d", d, dimensions[d]);
                }
                count *= dimensions[d];
                if (count > Integer.MAX_VALUE - 16) {
                    throw ModelFormatException.at(file, 4 + 4L * d, "%d elements are too many for one array", count);
                }
            }
            byte[] data = new byte[(int) count];
            in.readFully(data);
            return new IdxArray(dimensions, data);
        } catch (EOFException e) {
            throw new ModelFormatException(file, ModelFormatException.NO_OFFSET,
                    "the IDX file ends before its header and data are complete");
        }
    }
}
