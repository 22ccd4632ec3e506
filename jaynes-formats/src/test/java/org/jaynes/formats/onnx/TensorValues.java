package org.jaynes.formats.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.jaynes.core.tensor.Tensor;

/** Reads a small tensor's elements as doubles, the simple way, to check readers against Python. */
final class TensorValues {

    private TensorValues() {
    }

    static double[] of(Tensor tensor) {
        int count = Math.toIntExact(tensor.elementCount());
        double[] values = new double[count];
        ByteBuffer bytes;
        try {
            bytes = tensor.data().window(0, Math.toIntExact(tensor.data().length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < count; i++) {
            values[i] = switch (tensor.dtype()) {
                case F64 -> bytes.getDouble(8 * i);
                case F32 -> bytes.getFloat(4 * i);
                case F16 -> halfToDouble(bytes.getShort(2 * i));
                case BF16 -> Float.intBitsToFloat((bytes.getShort(2 * i) & 0xffff) << 16);
                case I64 -> bytes.getLong(8 * i);
                case I32 -> bytes.getInt(4 * i);
                case I16 -> bytes.getShort(2 * i);
                case U16 -> bytes.getShort(2 * i) & 0xffff;
                case I8 -> bytes.get(i);
                case U8, BOOL -> bytes.get(i) & 0xff;
            };
        }
        return values;
    }

    /** IEEE 754 binary16 to double: Java 17 has no Float.float16ToFloat. */
    static double halfToDouble(short bits) {
        int sign = (bits & 0x8000) != 0 ? -1 : 1;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (exponent == 0) {
            return sign * Math.scalb((double) mantissa, -24); // subnormal: m × 2^-24
        }
        return sign * Math.scalb((double) (mantissa | 0x400), exponent - 25);
    }
}
