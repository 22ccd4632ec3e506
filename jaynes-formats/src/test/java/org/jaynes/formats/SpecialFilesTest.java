package org.jaynes.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Files that cannot be read as models say which file in one line: a folder of the kernel's (whose
 * files fail or never end when read) is refused by name, and an I/O failure names its file, with a
 * reason in words where the JDK gives none.
 */
class SpecialFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/proc/self", "/proc", "/sys/kernel"})
    void aKernelFolderIsRefusedByName(String name) {
        Path folder = Path.of(name);
        assumeTrue(Files.isDirectory(folder), name + " is not on this system");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelOpener.standard().open(folder));
        assertEquals(name + ": a folder of the kernel's /" + Path.of(name).getName(0) + " file system, not of model "
                + "files", e.getMessage());
    }

    @Test
    void aReadFailureWithoutAFileNamesTheFileRead() {
        IOException named = ReadFailure.named(Path.of("/m/model.safetensors"), new IOException("Input/output error"));
        assertEquals("/m/model.safetensors: Input/output error", named.getMessage());
    }

    @Test
    void aFileSystemFailureWithoutAReasonGetsOne() {
        IOException named = ReadFailure.named(Path.of("/m"), new AccessDeniedException("/m/shard-1.safetensors"));
        assertEquals("/m/shard-1.safetensors: permission denied", named.getMessage());
    }

    @Test
    void aFileSystemFailureWithItsFileAndReasonIsKept() {
        FileSystemException failure = new FileSystemException("/m/a.bin", null, "Too many levels of symbolic links");
        assertSame(failure, ReadFailure.named(Path.of("/m"), failure));
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsKind() {
        assertEquals("/m/w.h5: EOFException", ReadFailure.named(Path.of("/m/w.h5"), new java.io.EOFException())
                .getMessage());
    }
}
