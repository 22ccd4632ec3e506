package org.jaynes.dynamics.boltzmann;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX image files of MNIST and Fashion-MNIST (LeCun et al.): a big-endian magic 0x00000803
 * (unsigned bytes, 3 dimensions), then the count, rows and columns as big-endian ints, then the pixels.
 * Gzipped files (magic 1f 8b) are inflated on the fly. Labels (0x00000801) are not needed here.
 */
public final class IdxReader {

    /** The magic of an image file: unsigned bytes, three dimensions. */
    public static final int IMAGES = 0x00000803;
    /** A pixel at or above this (of 255) becomes 1. */
    public static final int THRESHOLD = 128;

    private static final int MAX_DIMENSION = 1 << 16;

    private IdxReader() {
    }

    /**
     * The first {@code limit} images of {@code file}, binarised at {@link #THRESHOLD}.
     *
     * @throws IOException for an unreadable file, and (with the file and byte offset) for one that is not an
     *                     IDX image file or ends early
     */
    public static BinaryData readImages(Path file, int limit) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw)) : raw;
            DataInputStream data = new DataInputStream(in);
            int magic = data.readInt();
            if (magic != IMAGES) {
                throw new IOException(String.format(Locale.ROOT, "%s: byte 0: expected the IDX image magic 0x%08x, "
                        + "found 0x%08x", file, IMAGES, magic));
            }
            int count = data.readInt();
            int rows = data.readInt();
            int columns = data.readInt();
            if (count < 1 || rows < 1 || columns < 1 || rows > MAX_DIMENSION || columns > MAX_DIMENSION) {
                throw new IOException(String.format(Locale.ROOT, "%s: byte 4: bad dimensions %d x %d x %d", file,
                        count, rows, columns));
            }
            int n = Math.min(count, limit);
            int size = rows * columns;
            byte[] pixels = new byte[Math.multiplyExact(n, size)];
            try {
                data.readFully(pixels);
            } catch (EOFException e) {
                throw new IOException(String.format(Locale.ROOT, "%s: the file ends before image %d of %d (%d bytes "
                        + "of pixels expected after the 16-byte header)", file, n, count, (long) n * size), e);
            }
            for (int k = 0; k < pixels.length; k++) {
                pixels[k] = (pixels[k] & 0xff) >= THRESHOLD ? (byte) 1 : (byte) 0;
            }
            return new BinaryData(file.getFileName() + " (binarised at " + THRESHOLD + "/255)", n, columns, rows,
                    pixels);
        }
    }
}
