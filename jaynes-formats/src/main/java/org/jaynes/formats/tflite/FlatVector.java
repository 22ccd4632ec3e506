package org.jaynes.formats.tflite;

import org.jaynes.formats.ModelFormatException;

/**
 * A vector of a {@link FlatBuffer}: {@code length} elements of {@code elementSize} bytes from
 * {@code start}, checked to lie inside the buffer when it was made. Element accessors take an index the
 * caller has checked against {@link #length()}. Immutable.
 */
final class FlatVector {

    private final FlatBuffer buffer;
    private final long start;
    private final int length;
    private final int elementSize;

    FlatVector(FlatBuffer buffer, long start, int length, int elementSize) {
        this.buffer = buffer;
        this.start = start;
        this.length = length;
        this.elementSize = elementSize;
    }

    static FlatVector empty(FlatBuffer buffer, int elementSize) {
        return new FlatVector(buffer, 0, 0, elementSize);
    }

    /** The number of elements. */
    int length() {
        return length;
    }

    /** The buffer position of element 0. */
    long start() {
        return start;
    }

    int elementSize() {
        return elementSize;
    }

    int u8(int i) {
        return buffer.u8(at(i));
    }

    int u16(int i) {
        return buffer.u16(at(i));
    }

    int i32(int i) {
        return buffer.i32(at(i));
    }

    long i64(int i) {
        return buffer.i64(at(i));
    }

    float f32(int i) {
        return buffer.f32(at(i));
    }

    /** Element {@code i} of a vector of tables, named {@code name} in messages. */
    FlatTable table(int i, String name) throws ModelFormatException {
        return buffer.table(buffer.reference(at(i), name), name);
    }

    /** All elements of a vector of 32-bit integers. */
    int[] ints() {
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = i32(i);
        }
        return values;
    }

    private long at(int i) {
        return start + (long) i * elementSize;
    }
}
