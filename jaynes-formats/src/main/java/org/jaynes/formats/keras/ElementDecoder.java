package org.jaynes.formats.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.ElementWindow;

/**
 * Turns a dataset's elements, read in the file's byte order by an {@link Elements} source, into the
 * little-endian bytes every jaynes tensor holds: a window is widened to whole elements, read, byte-swapped
 * element by element when the file is big-endian, and cut back to the window. Heap use is one window.
 * Thread-safe when the source is.
 */
final class ElementDecoder implements DecodedBytes.Decoder {

    /** Reads elements of a dataset as the file stores them. */
    @FunctionalInterface
    interface Elements {
        /** Elements {@code [first, first + count)}: exactly {@code count} elements' bytes, from position 0. */
        ByteBuffer read(long first, int count) throws IOException;
    }

    private final Elements elements;
    private final int elementSize;
    private final boolean swap;

    ElementDecoder(Elements elements, int elementSize, boolean swap) {
        this.elements = elements;
        this.elementSize = elementSize;
        this.swap = swap;
    }

    @Override
    public ByteBuffer decode(long offset, int length) throws IOException {
        ElementWindow window = ElementWindow.of(offset, length, elementSize);
        int count = window.count();
        ByteBuffer stored = elements.read(window.first(), count);
        int bytes = Math.multiplyExact(count, elementSize);
        if (stored.remaining() != bytes) {
            throw new IOException("read " + stored.remaining() + " bytes for " + count + " elements of " + elementSize);
        }
        byte[] out = new byte[bytes];
        stored.get(stored.position(), out);
        if (swap) {
            swap(out, elementSize);
        }
        return window.cut(out);
    }

    /** Reverses the bytes of each element of {@code elementSize} bytes, in place. */
    static void swap(byte[] bytes, int elementSize) {
        for (int e = 0; e + elementSize <= bytes.length; e += elementSize) {
            for (int i = 0, j = elementSize - 1; i < j; i++, j--) {
                byte b = bytes[e + i];
                bytes[e + i] = bytes[e + j];
                bytes[e + j] = b;
            }
        }
    }
}
