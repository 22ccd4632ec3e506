package org.jaynes.survey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a survey remembers of a model it analysed, to know on a later run that the report still holds:
 * its absolute path, its size in bytes and its last modification (milliseconds since the epoch). For a
 * folder, the sum of the sizes and the latest modification of the files directly in it.
 */
public record ModelKey(String path, long size, long modified) {

    public static ModelKey of(Path model) throws IOException {
        Path absolute = model.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            return new ModelKey(absolute.toString(), Files.size(absolute),
                    Files.getLastModifiedTime(absolute).toMillis());
        }
        long size = 0;
        long modified = Files.getLastModifiedTime(absolute).toMillis();
        try (Stream<Path> entries = Files.list(absolute)) {
            for (Path entry : entries.filter(Files::isRegularFile).toList()) {
                size += Files.size(entry);
                modified = Math.max(modified, Files.getLastModifiedTime(entry).toMillis());
            }
        }
        return new ModelKey(absolute.toString(), size, modified);
    }
}
