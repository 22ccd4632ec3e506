package org.jaynes.survey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jaynes.core.analysis.AnalysisOptions;

/**
 * What a survey remembers of a model it analysed, to know on a later run that the report still holds:
 * its absolute path, its size in bytes and its last modification (milliseconds since the epoch), and the
 * options of the analysis that change its numbers ({@code options}, compact JSON in the shape of a
 * report's {@code "options"} without the threads). For a folder, the sum of the sizes and the latest
 * modification of the files directly in it.
 */
public record ModelKey(String path, long size, long modified, String options) {

    /** The key of {@code model} analysed with {@code options}. */
    public static ModelKey of(Path model, AnalysisOptions options) throws IOException {
        String analysis = SurveyOptions.keyText(options);
        Path absolute = model.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            return new ModelKey(absolute.toString(), Files.size(absolute),
                    Files.getLastModifiedTime(absolute).toMillis(), analysis);
        }
        long size = 0;
        long modified = Files.getLastModifiedTime(absolute).toMillis();
        try (Stream<Path> entries = Files.list(absolute)) {
            for (Path entry : entries.filter(Files::isRegularFile).toList()) {
                size += Files.size(entry);
                modified = Math.max(modified, Files.getLastModifiedTime(entry).toMillis());
            }
        }
        return new ModelKey(absolute.toString(), size, modified, analysis);
    }
}
