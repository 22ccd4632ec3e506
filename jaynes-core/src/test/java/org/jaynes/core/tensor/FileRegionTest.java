package org.jaynes.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRegionTest {

    @TempDir
    Path folder;

    private Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return Files.write(folder.resolve("data.bin"), bytes);
    }

    @Test
    void aReadHoldsTheBytesOfTheWindow() throws IOException {
        FileRegion region = new FileRegion(file(10_000), 100, 9_000);
        ByteBuffer scratch = ByteBuffer.allocateDirect(4096);
        ByteBuffer read = region.read(1000, 4000, scratch);
        assertEquals(region.window(1000, 4000), read);
        assertEquals(4000, read.remaining());
        assertEquals(java.nio.ByteOrder.LITTLE_ENDIAN, read.order());
        ByteBuffer again = region.read(0, 16, scratch);
        assertEquals(region.window(0, 16), again, "the scratch buffer is reused from its start");
    }

    @Test
    void aWindowLargerThanTheScratchBufferIsMapped() throws IOException {
        FileRegion region = new FileRegion(file(10_000), 0, 10_000);
        ByteBuffer scratch = ByteBuffer.allocate(16);
        assertEquals(region.window(0, 5000), region.read(0, 5000, scratch));
    }

    @Test
    void aFileThatShrankIsAnEndOfFileNotAShortBuffer() throws IOException {
        Path path = file(10_000);
        FileRegion region = new FileRegion(path, 0, 10_000);
        Files.write(path, new byte[100]);
        EOFException e = assertThrows(EOFException.class, () -> region.read(0, 4096, ByteBuffer.allocate(8192)));
        assertEquals(path + " ends before byte 4096", e.getMessage());
    }

    @Test
    void readsAreCheckedLikeWindows() throws IOException {
        FileRegion region = new FileRegion(file(100), 0, 100);
        assertThrows(IndexOutOfBoundsException.class, () -> region.read(90, 20, ByteBuffer.allocate(64)));
    }
}
