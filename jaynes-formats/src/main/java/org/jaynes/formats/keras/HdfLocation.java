package org.jaynes.formats.keras;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;

/**
 * Where the bytes of an HDF5 file are: a whole file ({@code weights.h5}), the stored
 * {@code model.weights.h5} entry of a {@code .keras} archive (bytes {@code [start, start + length)} of the
 * archive, read in place), or a temporary copy of a deflated entry. Offsets handed to {@link #region} and
 * {@link #error} are offsets in the HDF5 bytes; they become offsets in the user's file where there is one.
 *
 * @param shown  the file the user named, for messages
 * @param entry  the archive entry holding the HDF5 bytes, or {@code null} for a plain file
 * @param file   the file holding the bytes (the archive, a temporary copy, or {@code shown})
 * @param start  where the HDF5 bytes start in {@code file}
 * @param length how many there are
 * @param inPlace whether offsets in the HDF5 bytes are offsets in {@code shown} once {@code start} is added
 */
record HdfLocation(Path shown, String entry, Path file, long start, long length, boolean inPlace) {

    /** A plain HDF5 file. */
    static HdfLocation of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new HdfLocation(file, null, file, 0, channel.size(), true);
        }
    }

    /** A channel over the HDF5 bytes, for {@link #open}; the caller closes it. */
    RegionChannel channel() throws IOException {
        return new RegionChannel(file, start, length);
    }

    /**
     * Opens the HDF5 file with jHDF through {@code channel}, which then tells where jHDF last read
     * (jHDF reads a channel that is not a file's without mapping it). Closing the result closes the
     * channel.
     *
     * @throws RuntimeException whatever jHDF throws for a malformed file (or an error, out of heap)
     */
    HdfFile open(RegionChannel channel) {
        return new HdfFile(channel, file.toUri());
    }

    /** Bytes {@code [offset, offset + count)} of the HDF5 bytes, which the caller checked lie inside them. */
    FileRegion region(long offset, long count) {
        return new FileRegion(file, start + offset, count);
    }

    /** Reads up to {@code count} bytes at {@code offset} of the HDF5 bytes (fewer at their end). */
    ByteBuffer read(long offset, int count) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.max(0, Math.min(count, length - offset)));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (bytes.hasRemaining() && channel.read(bytes, start + offset + bytes.position()) >= 0) {
                // read until full or end of file
            }
        }
        return bytes.flip();
    }

    /**
     * A problem at byte {@code offset} of the HDF5 bytes ({@link ModelFormatException#NO_OFFSET} for none),
     * in the user's file and, inside an archive, naming the entry.
     */
    ModelFormatException error(long offset, String template, Object... args) {
        String reason = MessageText.format(template, args);
        if (entry == null) {
            return new ModelFormatException(shown, offset, reason);
        }
        if (offset == ModelFormatException.NO_OFFSET) {
            return new ModelFormatException(shown, offset, "entry " + MessageText.name(entry) + ": " + reason);
        }
        return inPlace
                ? new ModelFormatException(shown, start + offset, "entry " + MessageText.name(entry) + ": " + reason)
                : new ModelFormatException(shown, ModelFormatException.NO_OFFSET,
                        "entry " + MessageText.name(entry) + ", at its byte " + offset + ": " + reason);
    }

    /** {@code w.h5} or {@code m.keras, entry model.weights.h5}: the bytes' name in I/O errors during analysis. */
    String describe() {
        return entry == null ? MessageText.path(shown) : MessageText.path(shown) + ", entry " + MessageText.name(entry);
    }
}
