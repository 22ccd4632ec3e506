package org.jaynes.survey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>The key lists those files ({@code files}, relative to the model's folder), so that a later run checks
 * a saved key ({@link #stillHolds}) from their sizes and times alone, without opening the model. A change to which files
 * a model reads changes a file the key lists: the model's own file (a TF.js {@code model.json}, an ONNX
 * model naming its external data) or, for a folder, the folder's time.
 */
public record ModelKey(String path, long size, long modified, String options, List<String> files) {

    public ModelKey {
        files = List.copyOf(files);
    }

    /** The key of {@code model}, opened with {@code opener} to find its files, analysed with {@code options}. */
    public static ModelKey of(Path model, ModelOpener opener, AnalysisOptions options) throws IOException {
        Path absolute = model.toAbsolutePath().normalize();
        Path home = home(absolute);
        List<String> files = new ArrayList<>();
        for (Path file : filesOf(absolute, Files.isDirectory(absolute), opener)) {
            files.add(home.relativize(file).toString());
        }
        return stat(absolute, files, SurveyOptions.keyText(options))
                .orElseThrow(() -> new java.nio.file.NoSuchFileException(absolute.toString()));
    }

    /**
     * Whether this key, saved by an earlier run, still describes the model at {@code model} analysed with
     * {@code options}: the same path and options, and each of its files there with the same size and time.
     */
    boolean stillHolds(Path model, AnalysisOptions options) throws IOException {
        Path absolute = model.toAbsolutePath().normalize();
        return path.equals(absolute.toString()) && options().equals(SurveyOptions.keyText(options))
                && stat(absolute, files, this.options).filter(this::equals).isPresent();
    }

    /** The folder a model's files are in: the model's own folder, or the folder holding the model's file. */
    private static Path home(Path model) {
        return Files.isDirectory(model) || model.getParent() == null ? model : model.getParent();
    }

    /**
     * The key of the model at {@code model} that reads {@code files} (named relative to its {@link #home}), as
     * they are now; empty when one is gone or is named outside that folder.
     */
    private static Optional<ModelKey> stat(Path model, List<String> files, String options) throws IOException {
        if (!Files.exists(model)) {
            return Optional.empty();
        }
        Path home = home(model);
        long modified = Files.getLastModifiedTime(model).toMillis();
        long size = 0;
        for (String name : files) {
            Path file = home.resolve(name).normalize();
            if (!file.startsWith(home) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            size += Files.size(file);
            modified = Math.max(modified, Files.getLastModifiedTime(file).toMillis());
        }
        return Optional.of(new ModelKey(model.toString(), size, modified, options, files));
    }

    private static Set<Path> filesOf(Path model, boolean folder, ModelOpener opener) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        if (!folder) {
            files.add(model);
        }
        Path home = home(model);
        try {
            for (Tensor tensor : opener.open(model).tensors()) {
                for (Path file : tensor.data().files()) {
                    Path absolute = file.toAbsolutePath().normalize();
                    if (absolute.startsWith(home)) {
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
