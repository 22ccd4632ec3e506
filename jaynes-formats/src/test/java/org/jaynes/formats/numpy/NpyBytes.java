package org.jaynes.formats.numpy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes .npy bytes with any header text, padded as numpy pads it (to a multiple of 64, ending in a newline). */
final class NpyBytes {

    private NpyBytes() {
    }

    /** A version 1.0 array: magic, version, u16 header length, {@code header} padded, then {@code data}. */
    static byte[] of(String header, byte[] data) {
        byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
        int padded = text.length + 1;
        padded += (64 - (10 + padded) % 64) % 64;
        ByteBuffer b = ByteBuffer.allocate(10 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) padded).put(text);
        for (int i = text.length; i < padded - 1; i++) {
            b.put((byte) ' ');
        }
        return b.put((byte) '\n').put(data).array();
    }

    /** A version 1.0 array whose header is exactly {@code header}: no padding, no closing newline. */
    static byte[] unpadded(String header, byte[] data) {
        byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(10 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length)
                .put(text).put(data).array();
    }

    /** Where the data of a version 1.0 array starts. */
    static int dataAt(byte[] npy) {
        return 10 + (ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xFFFF);
    }

    /** A float32 array of {@code values}, row-major. */
    static byte[] f32(String shape, float... values) {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        return of("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }", data.array());
    }

    /** The file offset of header byte {@code index} in a version 1.0 file. */
    static long headerAt(int index) {
        return 10 + index;
    }
}
