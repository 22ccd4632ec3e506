package org.jaynes.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;

/** Builds broken safetensors files from bytes and checks how the reader rejects them. */
final class BrokenFiles {

    private BrokenFiles() {
    }

    /** A file of the 8-byte length of {@code header}, the header as UTF-8, then {@code dataLength} zeros. */
    static Path safetensors(Path dir, String header, int dataLength) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return raw(dir, "model.safetensors", ByteBuffer.allocate(8 + json.length + dataLength)
                .order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json).array());
    }

    /** A file holding exactly {@code bytes}. */
    static Path raw(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** File offset of the first {@code token} in the header of a file made by {@link #safetensors}. */
    static long at(String header, String token) {
        int index = header.indexOf(token);
        if (index < 0) {
            throw new IllegalArgumentException(token + " not in " + header);
        }
        return 8 + header.getBytes(StandardCharsets.UTF_8).length
                - header.substring(index).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Asserts that reading {@code path} fails with exactly {@code reason} at {@code offset} of {@code file},
     * and leaves {@code path} as it was.
     */
    static ModelFormatException assertRejected(Path path, Path file, long offset, String reason) throws IOException {
        byte[] before = Files.isRegularFile(path) ? Files.readAllBytes(path) : new byte[0];
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new SafetensorsReader().read(path));
        String where = offset == ModelFormatException.NO_OFFSET ? "" : "at byte " + offset + ": ";
        assertEquals(file + ": " + where + reason, e.getMessage());
        assertEquals(file, e.file());
        assertEquals(offset, e.offset());
        assertEquals(reason, e.reason());
        if (Files.isRegularFile(path)) {
            assertArrayEquals(before, Files.readAllBytes(path), "the reader changed its input");
        }
        return e;
    }

    /** {@link #assertRejected(Path, Path, long, String)} for a single file. */
    static ModelFormatException assertRejected(Path file, long offset, String reason) throws IOException {
        return assertRejected(file, file, offset, reason);
    }
}
