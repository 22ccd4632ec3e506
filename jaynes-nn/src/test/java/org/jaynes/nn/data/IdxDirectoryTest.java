package org.jaynes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.IdxBytes;
import org.jaynes.nn.tensor.ImageShape;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of IDX files as a training and a test split. */
class IdxDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void loadsAFolderAndScalesPixels() throws Exception {
        IdxBytes.gzip(dir.resolve("train-images-idx3-ubyte.gz"),
                IdxBytes.of(new int[] {2, 1, 2}, new byte[] {0, (byte) 255, 51, 0}));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxBytes.of(new int[] {2}, new byte[] {3, 9}));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxBytes.of(new int[] {1, 1, 2}, new byte[] {1, 2}));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxBytes.of(new int[] {1}, new byte[] {0}));
        DataSplit split = IdxDirectory.load(dir);
        assertEquals(2, split.train().size());
        assertEquals(2, split.train().features());
        assertEquals(9, split.train().label(1));
        float[] row = new float[2];
        split.train().copyRow(0, row, 0);
        assertArrayEquals(new float[] {0f, 1f}, row);
        assertEquals(Optional.of(new ImageShape(1, 1, 2)), split.train().imageShape());
        assertEquals(Optional.of(new ImageShape(1, 1, 2)), split.test().imageShape());
    }

    /** Rank-2 files are rows without an image shape; test images of another shape than training are refused. */
    @Test
    void imageShapesComeFromRankThreeFilesAndMustAgree() throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxBytes.of(new int[] {1, 4}, new byte[4]));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxBytes.of(new int[] {1}, new byte[] {1}));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxBytes.of(new int[] {1, 4}, new byte[4]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxBytes.of(new int[] {1}, new byte[] {0}));
        assertEquals(Optional.empty(), IdxDirectory.load(dir).train().imageShape());
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxBytes.of(new int[] {1, 2, 2}, new byte[4]));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxDirectory.load(dir));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte") + ": at byte 4: the test images are 1x2x2, the training "
                + "images 4 values", e.getMessage());
    }

    @Test
    void aFolderWithoutTrainingImagesIsNamed() throws Exception {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxDirectory.load(dir));
        assertEquals(dir + ": no train-images-idx3-ubyte or train-images-idx3-ubyte.gz in this folder", e.getMessage());
    }

    /** The real Fashion-MNIST files, when Debian's dataset-fashion-mnist is installed. */
    @Test
    void readsFashionMnistWhenInstalled() throws Exception {
        Assumptions.assumeTrue(IdxDirectory.isPresent(IdxDirectory.FASHION_MNIST),
                "skipped: Fashion-MNIST is not in " + IdxDirectory.FASHION_MNIST + " (apt-get install dataset-fashion-mnist)");
        DataSplit split = IdxDirectory.load(IdxDirectory.FASHION_MNIST);
        assertEquals(60_000, split.train().size());
        assertEquals(10_000, split.test().size());
        assertEquals(784, split.train().features());
        assertEquals(10, split.train().classes());
        assertEquals(Optional.of(new ImageShape(1, 28, 28)), split.train().imageShape());
    }
}
