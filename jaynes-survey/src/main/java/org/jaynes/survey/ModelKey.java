package org.jaynes.survey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;

/**
 * What a survey remembers of a model it analysed, to know on a later run that the report still holds:
 * its absolute path, the size in bytes of the files its analysis reads and their last modification
 * (milliseconds since the epoch), and the options of the analysis that change its numbers
 * ({@code options}, compact JSON in the shape of a report's {@code "options"} without the threads).
 *
 * <p>The files are the model's own (the file named, or for a folder the folder's time) and every file its
 * tensors are read from inside the model's folder: the weight shards of a TF.js {@code model.json}, the
 * shards of a sharded index, an ONNX model's external data. Temporary copies a reader makes elsewhere
 * (a deflated archive entry) are left out: they are new at every opening. A model that cannot be opened is
 * keyed by what its path names (for a folder, the files directly in it); its analysis will say why.
 */
public record ModelKey(String path, long size, long modified, String options) {

    /** The key of {@code model}, opened with {@code opener} to find its files, analysed with {@code options}. */
    public static ModelKey of(Path model, ModelOpener opener, AnalysisOptions options) throws IOException {
        Path absolute = model.toAbsolutePath().normalize();
        boolean folder = Files.isDirectory(absolute);
        long modified = Files.getLastModifiedTime(absolute).toMillis();
        long size = 0;
        for (Path file : filesOf(absolute, folder, opener)) {
            size += Files.size(file);
            modified = Math.max(modified, Files.getLastModifiedTime(file).toMillis());
        }
        return new ModelKey(absolute.toString(), size, modified, SurveyOptions.keyText(options));
    }

    private static Set<Path> filesOf(Path model, boolean folder, ModelOpener opener) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        if (!folder) {
            files.add(model);
        }
        Path home = folder ? model : model.getParent();
        try {
            for (Tensor tensor : opener.open(model).tensors()) {
                for (Path file : tensor.data().files()) {
                    Path absolute = file.toAbsolutePath().normalize();
                    if (home != null && absolute.startsWith(home)) {
                        files.add(absolute);
                    }
                }
            }
        } catch (IOException | ModelFormatException | RuntimeException unreadable) {
            // The analysis of the model fails too, and its failure names the reason.
            if (folder) {
                try (Stream<Path> entries = Files.list(model)) {
                    files.addAll(entries.toList());
                }
            }
        }
        // Each file once, whatever the number of tensors read from it; a folder is not a file to count.
        files.removeIf(file -> !Files.isRegularFile(file));
        return files;
    }
}
