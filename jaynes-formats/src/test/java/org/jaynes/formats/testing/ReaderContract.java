package org.jaynes.formats.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;

/**
 * What a reader must do with any bytes at all: give a model whose tensors' values can be read, or refuse
 * the file with one {@link ModelFormatException} on one line. Any other outcome (an unchecked exception,
 * an {@link IOException} from a file that is there and readable, an error, a message over two lines)
 * escapes from {@link #check} and is a finding of the fuzz tests ({@code <Format>FuzzTest} in each
 * reader's package, one Jazzer {@code @FuzzTest} each; docs/design.md §4).
 *
 * <p>Values are read at the start and the end of every tensor ({@value #SAMPLED} bytes each), which
 * reaches every decoder (dequantization, sparse layouts, inflated chunks) without reading a large tensor
 * whole. An input is written to a fresh file each time: a mapping left over from the previous input then
 * keeps its own (deleted) file, and no read can touch bytes that changed under it. Inputs are written
 * into one temporary folder per JVM, deleted when the JVM exits.
 */
public final class ReaderContract {

    /** Bytes read at each end of a tensor. */
    static final int SAMPLED = 1 << 12;

    private static Path folder;

    private ReaderContract() {
    }

    /**
     * Writes {@code bytes} as {@code fileName} (replacing it) and reads it with {@code reader}, as above.
     *
     * @param companions fixtures ({@code <format>/<name>}, as {@link Resources#resource} names them) copied,
     *                   by file name, beside the file: the files a model file names (shards, external data)
     */
    public static void check(ModelReader reader, String fileName, byte[] bytes, String... companions)
            throws IOException {
        Path dir = folder();
        for (String companion : companions) {
            Path source = Resources.resource(companion);
            Path copy = dir.resolve(source.getFileName());
            if (!Files.exists(copy)) {
                Files.copy(source, copy);
            }
        }
        Path file = dir.resolve(fileName);
        Files.deleteIfExists(file);
        Files.write(file, bytes);
        check(reader, file);
    }

    /** The folder inputs are written to, made on first use and deleted with everything in it at exit. */
    private static synchronized Path folder() throws IOException {
        if (folder == null) {
            Path made = Files.createTempDirectory("jaynes-fuzz");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made)));
            folder = made;
        }
        return folder;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code path} (a file or folder already in place) with {@code reader}, as above. */
    private static void check(ModelReader reader, Path path) throws IOException {
        Model model;
        try {
            model = reader.read(path);
        } catch (ModelFormatException refused) {
            String message = refused.getMessage();
            if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
                throw new AssertionError("a refusal spans lines: " + message);
            }
            return;
        }
        for (Tensor tensor : model.tensors()) {
            sample(tensor.data());
        }
    }

    private static void sample(ByteSource data) throws IOException {
        long length = data.length();
        int head = (int) Math.min(length, SAMPLED);
        ByteBuffer first = data.window(0, head);
        if (first.remaining() != head) {
            throw new AssertionError("a window of " + head + " bytes holds " + first.remaining());
        }
        if (length > head) {
            int tail = (int) Math.min(length - head, SAMPLED);
            data.window(length - tail, tail);
        }
    }
}
