package org.jaynes.formats.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.IdxBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsPlainAndGzippedFiles() throws Exception {
        byte[] data = {0, 1, 2, (byte) 255, 4, 5};
        Files.write(dir.resolve("a"), IdxBytes.of(new int[] {2, 3}, data));
        IdxBytes.gzip(dir.resolve("b.gz"), IdxBytes.of(new int[] {2, 3}, data));
        for (String name : new String[] {"a", "b.gz"}) {
            IdxReader.IdxArray array = IdxReader.read(dir.resolve(name));
            assertArrayEquals(new int[] {2, 3}, array.dimensions());
            assertArrayEquals(data, array.data());
            assertEquals(3, array.rowSize());
        }
    }

    @Test
    void truncatedAndForeignFilesAreReportedWithTheFile() throws Exception {
        Path truncated = dir.resolve("t");
        byte[] whole = IdxBytes.of(new int[] {4, 4}, new byte[16]);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 3));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxReader.read(truncated));
        assertEquals(truncated + ": the IDX file ends before its header and data are complete", e.getMessage());
        Path floats = dir.resolve("f");
        Files.write(floats, new byte[] {0, 0, 0x0d, 1, 0, 0, 0, 0});
        e = assertThrows(ModelFormatException.class, () -> IdxReader.read(floats));
        assertEquals(floats + ": at byte 2: IDX element type 0x0d is not supported (expected 0x08, unsigned byte)",
                e.getMessage());
    }

    /** Headers that lie: dimensions whose product overflows an array, a row size alone too large, data absent. */
    @Test
    void hostileHeadersAreRefusedBeforeAnyLargeAllocation() throws Exception {
        Path overflow = Files.write(dir.resolve("o"), IdxBytes.of(new int[] {65536, 65536, 65536}, new byte[0]));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxReader.read(overflow));
        assertEquals(overflow + ": at byte 8: 4294967296 elements are too many for one array", e.getMessage());
        Path noRows = Files.write(dir.resolve("r"), IdxBytes.of(new int[] {0, 65536, 65536}, new byte[0]));
        e = assertThrows(ModelFormatException.class, () -> IdxReader.read(noRows));
        assertEquals(noRows + ": at byte 12: 4294967296 elements are too many for one array", e.getMessage());
        Path negative = Files.write(dir.resolve("n"), IdxBytes.of(new int[] {2, -1}, new byte[0]));
        e = assertThrows(ModelFormatException.class, () -> IdxReader.read(negative));
        assertEquals(negative + ": at byte 8: dimension 1 is negative: -1", e.getMessage());
        // claims 2 GB of data and holds 4 bytes: refused without allocating the claim
        Path lying = Files.write(dir.resolve("l"), IdxBytes.of(new int[] {Integer.MAX_VALUE - 16}, new byte[4]));
        e = assertThrows(ModelFormatException.class, () -> IdxReader.read(lying));
        assertEquals(lying + ": the IDX file ends before its header and data are complete", e.getMessage());
        IdxBytes.gzip(dir.resolve("l.gz"), Files.readAllBytes(lying));
        e = assertThrows(ModelFormatException.class, () -> IdxReader.read(dir.resolve("l.gz")));
        assertEquals(dir.resolve("l.gz") + ": the IDX file ends before its header and data are complete",
                e.getMessage());
    }

    @Test
    void readsTheFirstImagesOnlyAndChecksTheImageMagic() throws Exception {
        Path images = Files.write(dir.resolve("i"), IdxBytes.of(new int[] {3, 1, 2}, new byte[] {1, 2, 3, 4, 5, 6}));
        IdxReader.IdxArray first = IdxReader.readImages(images, 2);
        assertArrayEquals(new int[] {2, 1, 2}, first.dimensions());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, first.data());
        Path labels = Files.write(dir.resolve("b"), IdxBytes.of(new int[] {1}, new byte[] {7}));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxReader.readImages(labels, 2));
        assertEquals(labels + ": at byte 0: expected the IDX image magic 0x00000803, found 0x00000801",
                e.getMessage());
    }
}
