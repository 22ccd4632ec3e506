package org.jaynes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @TempDir
    Path dir;

    @Test
    void writesTheWholeContent() throws IOException {
        Path target = dir.resolve("r.json");
        AtomicOutput.write(target, out -> out.write("complete".getBytes(StandardCharsets.UTF_8)));
        assertEquals("complete", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("r.json");
        Files.writeString(target, "previous");
        IOException failure = assertThrows(IOException.class, () -> AtomicOutput.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void aDeviceIsWrittenNotReplaced() throws IOException {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull),
                "needs /dev/null");
        AtomicOutput.write(devNull, out -> out.write("discarded".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "/dev/null is still a device");
    }

    @Test
    void problemsAreFoundBeforeAnyWork() throws IOException {
        assertNull(AtomicOutput.problemWith(dir.resolve("fine.json")));
        String missing = AtomicOutput.problemWith(dir.resolve("no/such/r.json"));
        assertTrue(missing.endsWith("does not exist"), missing);
        Path folder = Files.createDirectory(dir.resolve("sub"));
        assertEquals(folder.toAbsolutePath() + ": is a folder, not a file", AtomicOutput.problemWith(folder));
    }

    private List<Path> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
