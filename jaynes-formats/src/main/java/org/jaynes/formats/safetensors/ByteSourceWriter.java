package org.jaynes.formats.safetensors;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.jaynes.core.tensor.ByteSource;

/**
 * Copies a {@link ByteSource} into a channel one window at a time, so that at most {@code window}
 * bytes of it are mapped or buffered at once.
 *
 * @param source the bytes
 * @param window the most bytes copied per window; positive
 */
record ByteSourceWriter(ByteSource source, int window) implements TensorBytesWriter {

    ByteSourceWriter {
        if (window <= 0 || window > ByteSource.MAX_WINDOW) {
            throw new IllegalArgumentException("window must be in (0, " + ByteSource.MAX_WINDOW + "]: " + window);
        }
    }

    @Override
    public void write(WritableByteChannel out) throws IOException {
        long length = source.length();
        for (long offset = 0; offset < length; offset += window) {
            TensorBytesWriter.writeFully(out, source.window(offset, (int) Math.min(window, length - offset)));
        }
    }
}
