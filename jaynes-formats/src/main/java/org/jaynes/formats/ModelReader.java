package org.jaynes.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;

/**
 * Reads one file format. A reader parses only the file's metadata and hands out tensors whose bytes
 * stay in the file ({@link org.jaynes.core.tensor.FileRegion}), checked to lie inside it. It never
 * executes anything a file contains.
 */
public interface ModelReader {

    /** The format this reader reads. */
    ModelFormat format();

    /**
     * Whether a file looks like this format.
     *
     * @param file the file (its name may help where the format has no magic bytes)
     * @param head the file's first bytes (up to 64), little-endian, position 0
     */
    boolean recognizes(Path file, ByteBuffer head);

    /**
     * The file's name in lower case ({@link Locale#ROOT}), or "" for a path without one (a root): what
     * {@link #recognizes} matches a format's extensions against.
     */
    static String lowerCaseName(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this reader reads {@code folder} as one model by itself, as sharded formats do (an index
     * file, or shards of its extension). Other formats are found in a folder by {@link ModelOpener}.
     */
    default boolean readsFolder(Path folder) throws IOException {
        return false;
    }

    /**
     * Reads a model from a file (or, for formats that shard, a folder or an index file).
     *
     * @throws ModelFormatException when the file is not a valid instance of the format
     * @throws IOException          when the file cannot be read at all
     */
    Model read(Path path) throws IOException, ModelFormatException;
}
