package org.jaynes.formats.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.jaynes.core.tensor.Decoding;
import org.jaynes.core.tensor.Tensor;

/**
 * A small tensor's bytes and values, read the simple way (one window, element by element), to check the
 * readers against the values the reference libraries recorded, and the check that any window of a tensor
 * is the slice of its whole. The tensor must fit one window ({@link org.jaynes.core.tensor.ByteSource#MAX_WINDOW}
 * bytes). Elements of 16 bits or less are decoded by {@link Decoding#patternToDouble}: {@code OnnxFixturesTest}
 * checks its binary16 decoding against values worked out by hand, and every fixture test checks the decoded
 * values against the reference library's own.
 */
public final class TensorValues {

    private TensorValues() {
    }

    /** The tensor's bytes, little-endian, in its stored order. */
    public static byte[] bytes(Tensor tensor) throws IOException {
        ByteBuffer window = tensor.data().window(0, Math.toIntExact(tensor.data().length()));
        byte[] bytes = new byte[window.remaining()];
        window.get(bytes);
        return bytes;
    }

    /** The CRC-32 of the tensor's bytes. */
    public static long crc32(Tensor tensor) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes(tensor));
        return crc.getValue();
    }

    /** The SHA-256 of the tensor's bytes, hex. */
    public static String sha256(Tensor tensor) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(tensor)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks that windows of a tensor's bytes, one starting at every {@code step}-th byte and 1 to
     * {@code lengths} bytes long (varying with the offset), equal the same slice of its whole bytes.
     */
    public static void assertWindowsAreSlices(Tensor tensor, int step, int lengths) throws IOException {
        byte[] whole = bytes(tensor);
        for (int offset = 0; offset < whole.length; offset += step) {
            int length = Math.min(whole.length - offset, 1 + offset % lengths);
            ByteBuffer window = tensor.data().window(offset, length);
            byte[] piece = new byte[length];
            window.get(piece);
            assertArrayEquals(Arrays.copyOfRange(whole, offset, offset + length), piece,
                    tensor.name() + " at " + offset);
        }
    }

    /** Every element as a double (exact for every dtype but I64 beyond 2^53); a BOOL is its byte. */
    public static double[] of(Tensor tensor) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(bytes(tensor)).order(ByteOrder.LITTLE_ENDIAN);
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

    /** The sum added exactly and rounded once to double, as Python's {@code math.fsum} gives it. */
    public static double exactSum(double[] values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        return sum.doubleValue();
    }
}
