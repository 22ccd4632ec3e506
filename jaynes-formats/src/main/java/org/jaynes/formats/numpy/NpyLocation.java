package org.jaynes.formats.numpy;

import java.nio.file.Path;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;

/**
 * Where the bytes of one {@code .npy} array are, so that an error in them names a byte of the file: a
 * plain file ({@code base} 0), an entry stored in a zip (its data start at file offset {@code base}), or
 * a compressed entry, whose bytes are not in the file as such: then the error names the entry's local
 * header at {@code base} and the offset within the inflated data.
 *
 * @param file     the file
 * @param entry    the zip entry's name, or null for a plain .npy file
 * @param base     the file offset of the array's first byte, or of the compressed entry's local header
 * @param inflated whether the entry is compressed
 */
record NpyLocation(Path file, String entry, long base, boolean inflated) {

    static NpyLocation plain(Path file) {
        return new NpyLocation(file, null, 0, false);
    }

    /** An error at byte {@code offset} of the array's (inflated) bytes. */
    ModelFormatException error(long offset, String template, Object... args) {
        String reason = MessageText.format(template, args);
        if (entry == null) {
            return new ModelFormatException(file, offset, reason);
        }
        if (!inflated) {
            return new ModelFormatException(file, base + offset, "entry " + MessageText.name(entry) + ": " + reason);
        }
        return new ModelFormatException(file, base,
                "entry " + MessageText.name(entry) + ", byte " + offset + " of its inflated data: " + reason);
    }
}
