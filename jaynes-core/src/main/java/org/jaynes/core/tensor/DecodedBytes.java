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

        /**
         * The same bytes, decoded into {@code scratch} where the decoder can (see {@link #output}): an analysis
         * reads every window once, and a fresh buffer for each is garbage the size of the decoded tensor.
         * By default, {@link #decode(long, int)}.
         *
         * @param scratch a buffer the caller owns and reuses; the result is valid until it is used again
         */
        default ByteBuffer decode(long offset, int length, ByteBuffer scratch) throws IOException {
            return decode(offset, length);
        }
    }

    /**
     * Where a decoder writes {@code bytes} decoded bytes: {@code scratch}, cleared and limited to them, when it
     * is given and has room, else a new heap buffer; little-endian either way.
     */
    public static ByteBuffer output(ByteBuffer scratch, int bytes) {
        ByteBuffer out = scratch != null && scratch.capacity() >= bytes
                ? scratch.clear().limit(bytes)
                : ByteBuffer.allocate(bytes);
        return out.order(ByteOrder.LITTLE_ENDIAN);
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
        return checked(decoder.decode(offset, windowLength), windowLength);
    }

    /** The window, decoded into {@code scratch} where the decoder can. */
    @Override
    public ByteBuffer read(long offset, int windowLength, ByteBuffer scratch) throws IOException {
        ByteSource.checkWindow(offset, windowLength, length);
        return checked(decoder.decode(offset, windowLength, scratch), windowLength);
    }

    private static ByteBuffer checked(ByteBuffer decoded, int windowLength) {
        if (decoded.remaining() != windowLength) {
            throw new IllegalStateException("decoder gave " + decoded.remaining() + " bytes for a window of "
                    + windowLength);
        }
        return decoded.order(ByteOrder.LITTLE_ENDIAN);
    }
}
