package org.jaynes.formats.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Tensor;

/** Decodes a small tensor's values to double, the simple way, to check readers against reference values. */
final class Values {

    private Values() {
    }

    /** Every value of {@code tensor} (at most {@link ByteSource#MAX_WINDOW} bytes), as double. */
    static double[] of(Tensor tensor) throws IOException {
        ByteBuffer bytes = tensor.data().window(0, (int) tensor.data().length());
        double[] values = new double[(int) tensor.elementCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = at(bytes, tensor.dtype(), i);
        }
        return values;
    }

    private static double at(ByteBuffer bytes, DType dtype, int i) {
        int at = i * dtype.byteSize();
        return switch (dtype) {
            case F64 -> bytes.getDouble(at);
            case F32 -> bytes.getFloat(at);
            case F16 -> half(bytes.getShort(at));
            case BF16 -> Float.intBitsToFloat((bytes.getShort(at) & 0xffff) << 16);
            case I64 -> bytes.getLong(at);
            case I32 -> bytes.getInt(at);
            case I16 -> bytes.getShort(at);
            case U16 -> bytes.getShort(at) & 0xffff;
            case I8 -> bytes.get(at);
            case U8 -> bytes.get(at) & 0xff;
            case BOOL -> bytes.get(at) == 0 ? 0 : 1;
        };
    }

    /** IEEE 754 binary16 to double (Java 17 has no Float.float16ToFloat): sign, 5-bit exponent, 10-bit fraction. */
    static double half(short bits) {
        int exponent = (bits >> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        double magnitude;
        if (exponent == 0) {
            magnitude = fraction * 0x1p-24; // subnormal: no implicit leading 1
        } else if (exponent == 0x1f) {
            magnitude = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            magnitude = (0x400 + fraction) * Math.scalb(1.0, exponent - 25);
        }
        return bits < 0 ? -magnitude : magnitude;
    }
}
