package org.jaynes.formats.pytorch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.zip.ZipDirectory;

/**
 * Pickles stored one after another from the start of a file, as a legacy {@code torch.save} file holds them,
 * each read by {@link Unpickler} to its {@code STOP}; where one ends the next begins.
 *
 * <p>A pickle's length is known only once it has been read, so each is read from a window of the file that
 * starts at its first byte: {@value #FIRST_WINDOW} bytes, four times larger each time the pickle runs past the
 * window, up to the rest of the file or {@link TorchCheckpoint#MAX_PICKLE_BYTES}, the limit of a zip
 * checkpoint's pickle. A state dict's pickle of a few megabytes is thus read at most a few times over, and
 * nothing past the pickles (the storages' bytes) is held in memory. All the pickles of a file share one
 * {@link Unpickler#MAX_BUDGET}. Not thread-safe.
 */
final class PickleSequence {

    static final int FIRST_WINDOW = 64 << 10;
    static final String TOO_LONG = "%s runs past %d bytes without a STOP, over the limit for a pickle";

    /**
     * A pickle read.
     *
     * @param source where it is, for errors about it
     * @param loaded its value, length and storages
     */
    record Pickle(PickleFile source, Unpickler.Loaded loaded) {

        Object value() {
            return loaded.value();
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private long position;
    private long charged;

    PickleSequence(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
    }

    /** The next pickle, named {@code name} in errors ("the object pickle"). */
    Pickle next(String name) throws IOException, ModelFormatException {
        PickleFile source = new PickleFile(file, name, position);
        long remaining = size - position;
        int limit = (int) Math.min(remaining, TorchCheckpoint.MAX_PICKLE_BYTES);
        int window = Math.min(FIRST_WINDOW, limit);
        while (true) {
            byte[] bytes = ZipDirectory.readFully(file, channel, position, window).array();
            boolean more = window < remaining;
            Optional<Unpickler.Loaded> loaded = Unpickler.loadPrefix(source, bytes, more, charged);
            if (loaded.isPresent()) {
                position += loaded.get().length();
                charged = loaded.get().charged();
                return new Pickle(source, loaded.get());
            }
            if (window == limit) {
                throw ModelFormatException.at(file, source.fileOffset(), TOO_LONG, name, limit);
            }
            window = (int) Math.min((long) window * 4, limit);
        }
    }

    /** The byte after the last pickle read: where the file's storages begin. */
    long position() {
        return position;
    }
}
