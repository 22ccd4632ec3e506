package org.jaynes.formats.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;

/**
 * What a reader must do with any bytes at all: give a model whose tensors' values can be read, or refuse
 * the file with one {@link ModelFormatException} on one line. Any other outcome (an unchecked exception,
 * an {@link IOException} from a file that is there and readable, an error, a message over two lines)
 * escapes from {@link #check} and is a finding of the fuzz tests.
 *
 * <p>Values are read at the start and the end of every tensor ({@value #SAMPLED} bytes each), which
 * reaches every decoder (dequantization, sparse layouts, inflated chunks) without reading a large tensor
 * whole. An input is written to a fresh file each time: a mapping left over from the previous input then
 * keeps its own (deleted) file, and no read can touch bytes that changed under it.
 */
final class ReaderContract {

    /** Bytes read at each end of a tensor. */
    static final int SAMPLED = 1 << 12;

    private ReaderContract() {
    }

    /** Writes {@code bytes} to {@code file} (replacing it) and reads it with {@code reader}, as above. */
    static void check(ModelReader reader, Path file, byte[] bytes) throws IOException {
        Files.deleteIfExists(file);
        Files.write(file, bytes);
        check(reader, file);
    }

    /** Reads {@code path} (a file or folder already in place) with {@code reader}, as above. */
    static void check(ModelReader reader, Path path) throws IOException {
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
