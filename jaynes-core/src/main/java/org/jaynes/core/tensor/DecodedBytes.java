package org.jaynes.core.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Values a reader computes on demand from a file, window by window, such as the f32 values of a
 * block-quantized tensor: the file holds scales and integer levels, and each window is dequantized when
 * a statistic asks for it, so heap use stays that of one window.
 */
public final class DecodedBytes implements ByteSource {

    /** Produces bytes {@code [offset, offset + length)} of the decoded values, little-endian. */
    @FunctionalInterface
    public interface Decoder {
        ByteBuffer decode(long offset, int length) throws IOException;
    }

    private final long length;
    private final List<Path> files;
    private final Decoder decoder;

    /**
     * @param length  bytes of decoded values
     * @param files   the files the decoder reads ({@link ByteSource#files})
     * @param decoder computes any window of them
     */
    public DecodedBytes(long length, List<Path> files, Decoder decoder) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        this.length = length;
        this.files = List.copyOf(files);
        this.decoder = decoder;
    }

    @Override
    public List<Path> files() {
        return files;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public ByteBuffer window(long offset, int windowLength) throws IOException {
        ByteSource.checkWindow(offset, windowLength, length);
        ByteBuffer decoded = decoder.decode(offset, windowLength);
        if (decoded.remaining() != windowLength) {
            throw new IllegalStateException("decoder gave " + decoded.remaining() + " bytes for a window of "
                    + windowLength);
        }
        return decoded.order(ByteOrder.LITTLE_ENDIAN);
    }
}
