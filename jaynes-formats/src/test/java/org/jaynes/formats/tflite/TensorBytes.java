package org.jaynes.formats.tflite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import org.jaynes.core.tensor.Decoding;
import org.jaynes.core.tensor.Tensor;

/** A small tensor's bytes and values, read the simple way, to check the reader against Python. */
final class TensorBytes {

    private TensorBytes() {
    }

    static byte[] of(Tensor tensor) throws IOException {
        ByteBuffer window = tensor.data().window(0, Math.toIntExact(tensor.data().length()));
        byte[] bytes = new byte[window.remaining()];
        window.get(bytes);
        return bytes;
    }

    static long crc32(Tensor tensor) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(of(tensor));
        return crc.getValue();
    }

    static double[] values(Tensor tensor) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(of(tensor)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[Math.toIntExact(tensor.elementCount())];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (tensor.dtype()) {
                case F64 -> bytes.getDouble(8 * i);
                case F32 -> bytes.getFloat(4 * i);
                case F16, BF16, U16, I16 -> Decoding.patternToDouble(tensor.dtype(), bytes.getShort(2 * i) & 0xffff);
                case I64 -> bytes.getLong(8 * i);
                case I32 -> bytes.getInt(4 * i);
                case I8, U8, BOOL -> Decoding.patternToDouble(tensor.dtype(), bytes.get(i) & 0xff);
            };
        }
        return values;
    }
}
