package org.jaynes.dynamics.boltzmann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.idx.IdxReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binary images read through the one IDX reader (the reading itself is tested with it, in jaynes-formats). */
class BinaryImagesTest {

    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

    @TempDir
    Path dir;

    private static byte[] idx(int magic, int count, int rows, int columns, int[] pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        for (int p : pixels) {
            out.writeByte(p);
        }
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    void readsPlainAndGzippedFilesAndBinarisesAt128() throws Exception {
        byte[] file = idx(IdxReader.IMAGES, 2, 2, 3, new int[] {0, 127, 128, 255, 200, 1, 9, 9, 9, 9, 9, 130});
        Path plain = Files.write(dir.resolve("a-idx3-ubyte"), file);
        Path gzipped = dir.resolve("a-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(file);
        }
        for (Path path : new Path[] {plain, gzipped}) {
            BinaryData data = BinaryImages.read(path, 10);
            assertEquals(2, data.rows());
            assertEquals(3, data.width());
            assertEquals(2, data.height());
            assertEquals(0, data.bit(0, 1));
            assertEquals(1, data.bit(0, 2));
            assertEquals(1, data.bit(1, 5));
        }
        assertEquals(1, BinaryImages.read(plain, 1).rows());
    }

    @Test
    void aWrongMagicOrAShortFileIsNamed() throws Exception {
        Path labels = Files.write(dir.resolve("labels"), idx(0x00000801, 1, 1, 1, new int[] {3}));
        ModelFormatException magic = assertThrows(ModelFormatException.class, () -> BinaryImages.read(labels, 5));
        assertTrue(magic.getMessage().contains("byte 0: expected the IDX image magic 0x00000803, found 0x00000801"),
                magic.getMessage());
        Path shortFile = Files.write(dir.resolve("short"), idx(IdxReader.IMAGES, 3, 2, 2, new int[] {1, 2, 3}));
        ModelFormatException ends = assertThrows(ModelFormatException.class, () -> BinaryImages.read(shortFile, 5));
        assertTrue(ends.getMessage().contains("ends before"), ends.getMessage());
    }

    /** Fashion-MNIST from the Debian package dataset-fashion-mnist, when installed (the CI installs it). */
    @Test
    void readsFashionMnistWhenInstalled() throws Exception {
        assumeTrue(Files.isReadable(FASHION), FASHION + " absent: install dataset-fashion-mnist");
        BinaryData data = BinaryImages.read(FASHION, 100);
        assertEquals(100, data.rows());
        assertEquals(784, data.columns());
        long on = 0;
        for (byte b : data.bits()) {
            on += b;
        }
        assertTrue(on > 100 * 784 / 5 && on < 100 * 784 * 3 / 5, "share of on pixels " + on / 78400.0);
    }

    /** Images of no pixel would break the machine's data; they are refused as bad input, not as a bug. */
    @Test
    void imagesWithoutPixelsAreRefused() throws Exception {
        Path empty = Files.write(dir.resolve("empty"), idx(IdxReader.IMAGES, 2, 0, 3, new int[0]));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> BinaryImages.read(empty, 5));
        assertEquals(4, e.offset());
        assertEquals("bad dimensions 2 x 0 x 3", e.reason());
    }
}
