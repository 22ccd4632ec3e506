package org.jaynes.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.formats.onnx.OnnxReader;
import org.jaynes.formats.safetensors.SafetensorsReader;

/**
 * Opens whatever model a user names: a file, recognised by its content (magic bytes) before its name,
 * or a folder holding one model. Example: {@code Model m = ModelOpener.standard().open(Path.of("model.onnx"));}
 */
public final class ModelOpener {

    private static final int HEAD_BYTES = 64;

    private final List<ModelReader> readers;

    public ModelOpener(List<ModelReader> readers) {
        this.readers = List.copyOf(readers);
    }

    /** An opener with every reader jaynes has. */
    public static ModelOpener standard() {
        return new ModelOpener(List.of(new SafetensorsReader(), new OnnxReader()));
    }

    public Model open(Path path) throws IOException, ModelFormatException {
        if (!Files.exists(path)) {
            throw new ModelFormatException(path, ModelFormatException.NO_OFFSET, "no such file or folder");
        }
        if (Files.isDirectory(path)) {
            return openFolder(path);
        }
        ByteBuffer head = head(path);
        for (ModelReader reader : readers) {
            if (reader.recognizes(path, head.duplicate().order(ByteOrder.LITTLE_ENDIAN))) {
                return reader.read(path);
            }
        }
        throw new ModelFormatException(path, 0, "not a model file jaynes can read (" + formats() + ")");
    }

    /** A folder: the safetensors reader handles shards and indexes; otherwise the folder's one model file. */
    private Model openFolder(Path folder) throws IOException, ModelFormatException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        for (ModelReader reader : readers) {
            String suffix = "." + reader.format().label();
            boolean hasOne = files.stream().anyMatch(f -> f.getFileName().toString().endsWith(suffix))
                    || reader instanceof SafetensorsReader
                    && files.stream().anyMatch(f -> f.getFileName().toString().equals("model.safetensors.index.json"));
            if (hasOne) {
                return reader instanceof SafetensorsReader ? reader.read(folder) : reader.read(onlyWithSuffix(folder, files, suffix));
            }
        }
        throw new ModelFormatException(folder, ModelFormatException.NO_OFFSET,
                "no model file in this folder (looked for " + formats() + ")");
    }

    private static Path onlyWithSuffix(Path folder, List<Path> files, String suffix) throws ModelFormatException {
        List<Path> matching = files.stream().filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        if (matching.size() > 1) {
            throw ModelFormatException.at(folder, ModelFormatException.NO_OFFSET,
                    "this folder holds %d %s files; name the one to analyse", matching.size(), suffix);
        }
        return matching.get(0);
    }

    private String formats() {
        return readers.stream().map(r -> r.format().label()).collect(Collectors.joining(", "));
    }

    private static ByteBuffer head(Path file) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // read until full or end of file
            }
        }
        return head.flip();
    }
}
