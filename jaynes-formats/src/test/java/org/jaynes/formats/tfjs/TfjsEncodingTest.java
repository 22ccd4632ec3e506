package org.jaynes.formats.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model.json that is not UTF-8 from its first bytes is refused in one line: Jackson reads a file with
 * a NUL among its first four bytes as UTF-32 or UTF-16 and failed with an exception of its own, which
 * escaped the reader (found by fuzzing: {@code TfjsFuzzTestInputs/fuzz/crash-47a6...}).
 */
class TfjsEncodingTest {

    private static final String MANIFEST = "{\"weightsManifest\": []}";

    @TempDir
    Path folder;

    private ModelFormatException refused(byte[] bytes) throws Exception {
        Path file = Files.write(folder.resolve("model.json"), bytes);
        return assertThrows(ModelFormatException.class, () -> new TfjsReader().read(file));
    }

    @Test
    void aNulAmongTheFirstBytesIsRefusedAtIt() throws Exception {
        byte[] bytes = MANIFEST.getBytes(StandardCharsets.UTF_8);
        bytes[2] = 0;
        ModelFormatException e = refused(bytes);
        assertEquals(2, e.offset());
        assertEquals("not UTF-8 JSON: it has a NUL byte here", e.reason());
    }

    @Test
    void utf16IsRefused() throws Exception {
        ModelFormatException e = refused(("\uFEFF" + MANIFEST).getBytes(StandardCharsets.UTF_16LE));
        assertEquals(0, e.offset());
        assertEquals("not UTF-8 JSON: it has a UTF-16 byte-order mark here", e.reason());
    }

    @Test
    void utf32IsRefusedAtItsFirstNul() throws Exception {
        ModelFormatException e = refused(MANIFEST.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
        assertEquals(0, e.offset());
        assertEquals("not UTF-8 JSON: it has a NUL byte here", e.reason());
    }
}
