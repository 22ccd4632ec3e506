package org.jaynes.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.formats.gguf.GgufReader;
import org.jaynes.formats.keras.KerasReader;
import org.jaynes.formats.numpy.NumpyReader;
import org.jaynes.formats.onnx.OnnxReader;
import org.jaynes.formats.pytorch.PytorchReader;
import org.jaynes.formats.safetensors.SafetensorsReader;
import org.jaynes.formats.tfjs.TfjsReader;
import org.jaynes.formats.tflite.TfliteReader;

/**
 * Opens whatever model a user names: a file, recognised by its content (magic bytes) before its name,
 * or a folder holding one model. Only folders and regular files are opened ({@link ModelFiles#checkNamed}):
 * a FIFO, device or {@code /proc} file is refused before anything reads it.
 * Example: {@code Model m = ModelOpener.standard().open(Path.of("model.onnx"));}
 */
public final class ModelOpener {

    private static final int HEAD_BYTES = 64;

    private final List<ModelReader> readers;

    public ModelOpener(List<ModelReader> readers) {
        this.readers = List.copyOf(readers);
    }

    /** An opener with every reader jaynes has. */
    public static ModelOpener standard() {
        // Readers that recognise content by magic bytes come before those that also go by file name.
        return new ModelOpener(List.of(new SafetensorsReader(), new GgufReader(), new NumpyReader(),
                new TfliteReader(), new KerasReader(), new OnnxReader(), new TfjsReader(), new PytorchReader()));
    }

    /**
     * The model at {@code path}, a file or a folder.
     *
     * @throws IOException          when a file cannot be read at all; its message names the file
     * @throws ModelFormatException when the model is not valid
     */
    public Model open(Path path) throws IOException, ModelFormatException {
        ModelFiles.checkNamed(path);
        if (Files.isDirectory(path)) {
            return openFolder(path);
        }
        ModelReader reader = readerFor(path);
        if (reader == null) {
            throw new ModelFormatException(path, 0, "not a model file jaynes can read (" + formats() + ")");
        }
        try {
            return reader.read(path);
        } catch (IOException e) {
            throw ReadFailure.named(path, e);
        }
    }

    /**
     * A folder: read by the first reader that reads folders itself (sharded formats), or else the one file
     * in it that some reader recognises.
     */
    private Model openFolder(Path folder) throws IOException, ModelFormatException {
        for (ModelReader reader : readers) {
            if (reader.readsFolder(folder)) {
                try {
                    return reader.read(folder);
                } catch (IOException e) {
                    throw ReadFailure.named(folder, e);
                }
            }
        }
        List<Path> models = new ArrayList<>();
        try (Stream<Path> listing = Files.list(folder)) {
            for (Path file : listing.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                if (readerFor(file) != null) {
                    models.add(file);
                }
            }
        }
        if (models.size() > 1) {
            throw ModelFormatException.at(folder, ModelFormatException.NO_OFFSET,
                    "this folder holds %d model files (%s, ...); name the one to analyse", models.size(),
                    models.get(0).getFileName());
        }
        if (models.isEmpty()) {
            throw new ModelFormatException(folder, ModelFormatException.NO_OFFSET,
                    "no model file in this folder (looked for " + formats() + ")");
        }
        return open(models.get(0));
    }

    /** The reader that recognises a file, or null. */
    private ModelReader readerFor(Path file) throws IOException {
        ByteBuffer head = head(file);
        for (ModelReader reader : readers) {
            if (reader.recognizes(file, head.duplicate().order(ByteOrder.LITTLE_ENDIAN))) {
                return reader;
            }
        }
        return null;
    }

    private String formats() {
        return readers.stream().map(r -> r.format().label()).collect(Collectors.joining(", "));
    }

    /** The file's first bytes; an I/O error names the file, which the JDK's message does not. */
    private static ByteBuffer head(Path file) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // read until full or end of file
            }
        } catch (IOException e) {
            throw ReadFailure.named(file, e);
        }
        return head.flip();
    }
}
