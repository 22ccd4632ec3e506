package org.jaynes.formats.pytorch;

import java.nio.file.Path;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;

/**
 * Where a pickle lives, to name it in errors: the checkpoint file, the zip entry, and the file offset
 * of the entry's first byte when the entry is stored (uncompressed), so an error names both the byte
 * in the file and the byte in the pickle.
 *
 * @param file       the checkpoint file
 * @param entry      the zip entry ({@code archive/data.pkl})
 * @param fileOffset the file offset of the entry's byte 0, or {@link ModelFormatException#NO_OFFSET}
 *                   when the entry is compressed
 */
record PickleFile(Path file, String entry, long fileOffset) {

    /** An error at byte {@code at} of the pickle: {@code <entry> byte <at>: <reason>}. */
    ModelFormatException error(long at, String template, Object... args) {
        long offset = fileOffset == ModelFormatException.NO_OFFSET ? ModelFormatException.NO_OFFSET : fileOffset + at;
        return new ModelFormatException(file, offset,
                MessageText.name(entry) + " byte " + at + ": " + MessageText.format(template, args));
    }

    /** An error about the pickle as a whole: {@code <entry>: <reason>}, at the entry's first byte. */
    ModelFormatException errorInEntry(String template, Object... args) {
        return new ModelFormatException(file, fileOffset,
                MessageText.name(entry) + ": " + MessageText.format(template, args));
    }
}
