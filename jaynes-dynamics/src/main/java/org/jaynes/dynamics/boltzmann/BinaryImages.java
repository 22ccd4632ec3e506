package org.jaynes.dynamics.boltzmann;

import java.io.IOException;
import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.idx.IdxReader;

/**
 * Binary training data from the IDX image files of MNIST and Fashion-MNIST, read by jaynes's one IDX reader
 * ({@link IdxReader}) and binarised: a pixel at or above {@value #THRESHOLD} (of 255) becomes 1.
 */
public final class BinaryImages {

    /** A pixel at or above this (of 255) becomes 1. */
    public static final int THRESHOLD = 128;

    static final String BAD_DIMENSIONS = "bad dimensions %d x %d x %d";

    private static final int MAX_DIMENSION = 1 << 16;

    private BinaryImages() {
    }

    /**
     * The first {@code limit} images of {@code file}, binarised at {@link #THRESHOLD}.
     *
     * @throws ModelFormatException with the file and byte offset, for a file that is not an IDX image file, has
     *                              no image or images of no pixel, or ends early
     */
    public static BinaryData read(Path file, int limit) throws IOException, ModelFormatException {
        IdxReader.IdxArray images = IdxReader.readImages(file, limit);
        int[] d = images.dimensions();
        if (d[0] < 1 || d[1] < 1 || d[2] < 1 || d[1] > MAX_DIMENSION || d[2] > MAX_DIMENSION) {
            throw ModelFormatException.at(file, 4, BAD_DIMENSIONS, d[0], d[1], d[2]);
        }
        byte[] pixels = images.data();
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (pixels[k] & 0xff) >= THRESHOLD ? (byte) 1 : (byte) 0;
        }
        return new BinaryData(file.getFileName() + " (binarised at " + THRESHOLD + "/255)", d[0], d[2], d[1], pixels);
    }
}
