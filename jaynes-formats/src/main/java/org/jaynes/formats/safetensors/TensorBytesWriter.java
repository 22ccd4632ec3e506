package org.jaynes.formats.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.jaynes.core.tensor.ByteSource;

/**
 * Streams one tensor's bytes, little-endian, into a channel: exactly as many as its shape and dtype
 * need, so a tensor of any size is written without holding it in memory.
 */
@FunctionalInterface
public interface TensorBytesWriter {

    /** The largest window copied at once from a {@link ByteSource}. */
    int WINDOW = 64 << 20;

    /** Writes all the bytes to {@code out}, which is positioned where they belong. */
    void write(WritableByteChannel out) throws IOException;

    /** The bytes of {@code source}, copied window by window. */
    static TensorBytesWriter of(ByteSource source) {
        return new ByteSourceWriter(source, WINDOW);
    }

    /** Writes every remaining byte of {@code buffer}; a channel may take fewer per call. */
    static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
