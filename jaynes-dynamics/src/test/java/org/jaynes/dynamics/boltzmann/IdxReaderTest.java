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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

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
    void readsPlainAndGzippedFilesAndBinarisesAt128() throws IOException {
        byte[] file = idx(IdxReader.IMAGES, 2, 2, 3, new int[] {0, 127, 128, 255, 200, 1, 9, 9, 9, 9, 9, 130});
        Path plain = Files.write(dir.resolve("a-idx3-ubyte"), file);
        Path gzipped = dir.resolve("a-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(file);
        }
        for (Path path : new Path[] {plain, gzipped}) {
            BinaryData data = IdxReader.readImages(path, 10);
            assertEquals(2, data.rows());
            assertEquals(3, data.width());
            assertEquals(2, data.height());
            assertEquals(0, data.bit(0, 1));
            assertEquals(1, data.bit(0, 2));
            assertEquals(1, data.bit(1, 5));
        }
        assertEquals(1, IdxReader.readImages(plain, 1).rows());
    }

    @Test
    void aWrongMagicOrAShortFileIsNamed() throws IOException {
        Path labels = Files.write(dir.resolve("labels"), idx(0x00000801, 1, 1, 1, new int[] {3}));
        IOException magic = assertThrows(IOException.class, () -> IdxReader.readImages(labels, 5));
        assertTrue(magic.getMessage().contains("byte 0: expected the IDX image magic 0x00000803, found 0x00000801"),
                magic.getMessage());
        Path shortFile = Files.write(dir.resolve("short"), idx(IdxReader.IMAGES, 3, 2, 2, new int[] {1, 2, 3}));
        IOException ends = assertThrows(IOException.class, () -> IdxReader.readImages(shortFile, 5));
        assertTrue(ends.getMessage().contains("ends before"), ends.getMessage());
    }

    /** Fashion-MNIST from the Debian package dataset-fashion-mnist, when installed (the CI installs it). */
    @Test
    void readsFashionMnistWhenInstalled() throws IOException {
        assumeTrue(Files.isReadable(FASHION), FASHION + " absent: install dataset-fashion-mnist");
        BinaryData data = IdxReader.readImages(FASHION, 100);
        assertEquals(100, data.rows());
        assertEquals(784, data.columns());
        long on = 0;
        for (byte b : data.bits()) {
            on += b;
        }
        assertTrue(on > 100 * 784 / 5 && on < 100 * 784 * 3 / 5, "share of on pixels " + on / 78400.0);
    }
}
