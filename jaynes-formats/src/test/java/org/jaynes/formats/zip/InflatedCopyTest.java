package org.jaynes.formats.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary inflation: within its budget, and what killed runs left behind is swept on the next start. */
class InflatedCopyTest {

    @TempDir
    Path dir;

    private Path archive(byte[] content) throws Exception {
        return Files.write(dir.resolve("a.zip"), new ZipBytes().deflated("w.h5", content).finish(false));
    }

    private static long files(Path folder) throws Exception {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.count();
        }
    }

    @Test
    void copiesWithinTheBudget() throws Exception {
        byte[] content = new byte[100_000];
        content[7] = 3;
        Path zip = archive(content);
        Path folder = Files.createDirectory(dir.resolve("tmp"));
        try (FileChannel channel = FileChannel.open(zip)) {
            ZipMember member = ZipDirectory.read(zip, channel).find("w.h5").orElseThrow();
            Path copy = new InflatedCopy(folder, 1 << 20).copy(zip, channel, member);
            assertArrayEquals(content, Files.readAllBytes(copy));
            assertEquals(folder, copy.getParent());
            assertTrue(copy.getFileName().toString().startsWith(ProcessHandle.current().pid() + "-"), copy.toString());
        }
    }

    /** 4 MiB of zeros deflate to a few KiB: far more than 32 times, so refused before anything is written. */
    @Test
    void refusesAnEntryOverItsBudgetInOneLine() throws Exception {
        Path zip = archive(new byte[4 << 20]);
        Path folder = Files.createDirectory(dir.resolve("tmp"));
        try (FileChannel channel = FileChannel.open(zip)) {
            ZipMember member = ZipDirectory.read(zip, channel).find("w.h5").orElseThrow();
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> new InflatedCopy(folder, 1 << 20).copy(zip, channel, member));
            assertEquals(0, e.offset());
            assertEquals("entry w.h5 inflates to 4194304 bytes from " + member.compressedSize() + " compressed; "
                    + "jaynes inflates at most 1048576 bytes to a temporary file for it (32 times its compressed "
                    + "size, at least 1 MiB)", e.reason());
            assertFalse(e.getMessage().contains("\n"));
        }
        assertEquals(0, files(folder), "nothing written");
    }

    @Test
    void removesTheCopiesOfProcessesThatAreGone() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("tmp"));
        long self = ProcessHandle.current().pid();
        // no process has a number above Linux's largest pid (2^22)
        Path dead = Files.write(folder.resolve("99999999-123.inflated"), new byte[3]);
        Path live = Files.write(folder.resolve(self + "-456.inflated"), new byte[3]);
        Path foreign = Files.write(folder.resolve("notes.txt"), new byte[3]);
        Path huge = Files.write(folder.resolve("99999999999999999999-1.inflated"), new byte[3]);
        assertEquals(2, new InflatedCopy(folder, 1 << 20).removeLeftovers());
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(huge));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(foreign));
    }
}
