package org.jaynes.formats.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;

/** The contract every reader keeps on a broken file: one ModelFormatException naming file, byte and reason. */
public final class BadInput {

    private BadInput() {
    }

    /**
     * Writes {@code bytes} to {@code file} and reads it, expecting a refusal with exactly {@code reason} at
     * byte {@code offset}, a message {@code <file>: at byte <offset>: <reason>}, and the file left as it was.
     *
     * @return the refusal, for further checks
     */
    public static ModelFormatException assertRefused(ModelReader reader, Path file, byte[] bytes, long offset,
                                                     String reason) throws IOException {
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> reader.read(file));
        assertEquals(reason, e.reason());
        assertEquals(offset, e.offset());
        assertEquals(file + ": at byte " + offset + ": " + reason, e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file), "the input is unchanged");
        return e;
    }
}
