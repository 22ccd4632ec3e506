package org.jaynes.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The whole elements a byte window of decoded values touches. A {@link DecodedBytes.Decoder} asked for
 * bytes {@code [offset, offset + length)} computes elements {@code [first, end)} of {@code elementSize}
 * bytes each, then {@linkplain #cut cuts} the window out of them: a window may start or end inside an
 * element.
 *
 * @param first       the first element touched
 * @param end         one past the last
 * @param elementSize bytes per decoded element
 * @param skip        bytes of the first element before the window
 * @param length      the window's length in bytes
 */
public record ElementWindow(long first, long end, int elementSize, int skip, int length) {

    /** The elements of {@code elementSize} bytes that bytes {@code [offset, offset + length)} touch. */
    public static ElementWindow of(long offset, int length, int elementSize) {
        long first = offset / elementSize;
        long end = (offset + length + elementSize - 1) / elementSize;
        return new ElementWindow(first, end, elementSize, (int) (offset - first * elementSize), length);
    }

    /** How many elements: {@code end - first}. */
    public int count() {
        return Math.toIntExact(end - first);
    }

    /**
     * The window, little-endian, out of {@code elements}: the decoded bytes of elements
     * {@code [first, end)} from its index 0, whatever its position and limit.
     */
    public ByteBuffer cut(ByteBuffer elements) {
        return elements.limit(skip + length).position(skip).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The window, little-endian, out of the decoded bytes of elements {@code [first, end)}. */
    public ByteBuffer cut(byte[] elements) {
        return ByteBuffer.wrap(elements, skip, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
