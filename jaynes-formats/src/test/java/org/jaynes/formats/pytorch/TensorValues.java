package org.jaynes.formats.pytorch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Decoding;
import org.jaynes.core.tensor.Tensor;

/** A small tensor's values and bytes, decoded the simple way, to check the reader against torch. */
final class TensorValues {

    private TensorValues() {
    }

    /** Every value, as double. */
    static double[] of(Tensor tensor) throws IOException {
        ByteBuffer bytes = tensor.data().window(0, (int) tensor.data().length());
        double[] values = new double[(int) tensor.elementCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = at(bytes, tensor.dtype(), i);
        }
        return values;
    }

    /** The SHA-256 of the tensor's bytes, hex. */
    static String sha256(Tensor tensor) throws IOException {
        ByteBuffer bytes = tensor.data().window(0, (int) tensor.data().length());
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** torch's name for a dtype. */
    static String torchName(DType dtype) {
        return switch (dtype) {
            case F64 -> "float64";
            case F32 -> "float32";
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            case I64 -> "int64";
            case I32 -> "int32";
            case I16 -> "int16";
            case U16 -> "uint16";
            case I8 -> "int8";
            case U8 -> "uint8";
            case BOOL -> "bool";
        };
    }

    private static double at(ByteBuffer bytes, DType dtype, int i) {
        int at = i * dtype.byteSize();
        return switch (dtype) {
            case F64 -> bytes.getDouble(at);
            case F32 -> bytes.getFloat(at);
            case F16 -> Decoding.halfToDouble(bytes.getShort(at) & 0xffff);
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
}
