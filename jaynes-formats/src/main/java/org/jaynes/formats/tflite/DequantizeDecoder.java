package org.jaynes.formats.tflite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.ElementWindow;
import org.jaynes.core.tensor.Shape;

/**
 * The f32 values of an integer tensor with affine quantization, any window on demand:
 * {@code w = (float) (scale[c] * (double) (q - zeroPoint[c]))}, computed in double and rounded once to
 * f32, as tflite's reference DEQUANTIZE kernel does; {@code c} is the element's index along the
 * quantized dimension. Also unpacks INT4 without quantization to one signed byte per value.
 *
 * <p>Levels are read in chunks of {@value #CHUNK} values, so heap use is the window plus one chunk of
 * levels whatever the window's size. Stateless and thread-safe.
 */
final class DequantizeDecoder implements DecodedBytes.Decoder {

    /** Values read from the levels per step. */
    static final int CHUNK = 1 << 20;

    private final ByteSource levels;
    private final TfliteType type;
    private final TfliteQuantization quantization;
    private final long inner;

    /**
     * @param levels       the stored integers, dense (INT4 packed two to a byte, low nibble first)
     * @param type         their type
     * @param quantization their scales and zero points; null to unpack INT4 to bytes
     * @param shape        the tensor's shape
     */
    private DequantizeDecoder(ByteSource levels, TfliteType type, TfliteQuantization quantization, Shape shape) {
        this.levels = levels;
        this.type = type;
        this.quantization = quantization;
        long product = 1;
        if (quantization != null) {
            for (int d = quantization.dimension() + 1; d < shape.rank(); d++) {
                product *= shape.dim(d);
            }
        }
        this.inner = Math.max(1, product);
    }

    /** The dequantized f32 values. */
    static DecodedBytes dequantized(ByteSource levels, TfliteType type, TfliteQuantization quantization,
            Shape shape) {
        return new DecodedBytes(shape.elementCount() * Float.BYTES, levels.files(),
                new DequantizeDecoder(levels, type, quantization, shape));
    }

    /** INT4 levels unpacked to one signed byte each. */
    static DecodedBytes unpackedInt4(ByteSource levels, Shape shape) {
        return new DecodedBytes(shape.elementCount(), levels.files(), new DequantizeDecoder(levels, TfliteType.INT4, null, shape));
    }

    @Override
    public ByteBuffer decode(long offset, int length) throws IOException {
        int outSize = quantization == null ? 1 : Float.BYTES;
        ElementWindow window = ElementWindow.of(offset, length, outSize);
        long first = window.first();
        long end = window.end();
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact((end - first) * outSize)).order(ByteOrder.LITTLE_ENDIAN);
        for (long from = first; from < end; from += CHUNK) {
            long to = Math.min(end, from + CHUNK);
            long byteFrom = type == TfliteType.INT4 ? from / 2 : from * type.dtype().orElseThrow().byteSize();
            long byteTo = type == TfliteType.INT4 ? (to + 1) / 2 : to * type.dtype().orElseThrow().byteSize();
            ByteBuffer raw = levels.window(byteFrom, (int) (byteTo - byteFrom));
            for (long i = from; i < to; i++) {
                long q = level(raw, i, byteFrom);
                if (quantization == null) {
                    out.put((byte) q);
                } else {
                    int c = quantization.channel(i, inner);
                    out.putFloat((float) (quantization.scales()[c] * (double) (q - quantization.zeroPoints()[c])));
                }
            }
        }
        return window.cut(out);
    }

    /** Level {@code i} of the tensor, read from {@code raw}, which starts at byte {@code base} of the levels. */
    private long level(ByteBuffer raw, long i, long base) {
        return switch (type) {
            case INT8 -> raw.get((int) (i - base));
            case UINT8 -> raw.get((int) (i - base)) & 0xff;
            case INT16 -> raw.getShort((int) (2 * i - base));
            case UINT16 -> raw.getShort((int) (2 * i - base)) & 0xffff;
            case INT32 -> raw.getInt((int) (4 * i - base));
            case INT64 -> raw.getLong((int) (8 * i - base));
            case INT4 -> {
                int packed = raw.get((int) (i / 2 - base));
                yield i % 2 == 0 ? (byte) (packed << 4) >> 4 : (byte) packed >> 4;
            }
            default -> throw new IllegalStateException("not a quantizable type: " + type);
        };
    }
}
