package org.jaynes.formats.numpy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DecodedBytes;

/**
 * Big-endian values as the little-endian values every jaynes tensor holds: each window reads the whole
 * elements it touches from the stored bytes and reverses the bytes of each. Heap use is one window;
 * stateless and thread-safe when the stored source is.
 */
final class ByteSwapDecoder implements DecodedBytes.Decoder {

    private final ByteSource stored;
    private final int elementSize;

    private ByteSwapDecoder(ByteSource stored, int elementSize) {
        this.stored = stored;
        this.elementSize = elementSize;
    }

    /** The little-endian view of big-endian elements of {@code elementSize} bytes. */
    static DecodedBytes source(ByteSource stored, int elementSize) {
        return new DecodedBytes(stored.length(), stored.files(), new ByteSwapDecoder(stored, elementSize));
    }

    @Override
    public ByteBuffer decode(long offset, int length) throws IOException {
        long first = offset - offset % elementSize;
        long end = Math.min(stored.length(), (offset + length + elementSize - 1) / elementSize * elementSize);
        ByteBuffer in = stored.window(first, (int) (end - first));
        byte[] out = new byte[(int) (end - first)];
        for (int e = 0; e < out.length; e += elementSize) {
            for (int i = 0; i < elementSize; i++) {
                out[e + i] = in.get(in.position() + e + elementSize - 1 - i);
            }
        }
        int skip = (int) (offset - first);
        return ByteBuffer.wrap(out, skip, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
