package org.jaynes.formats.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.Decoding;
import org.jaynes.core.tensor.Shape;

/**
 * The float32 values of a quantized weight, computed window by window from its integers as ONNX's
 * DequantizeLinear defines them: {@code w = (float(q) − float(zero_point)) · scale}, in float32
 * arithmetic (so bit for bit what onnx's reference implementation and numpy give), the scale and zero
 * point of element {@code i} being those of its index along the axis. Heap use: one window, plus the
 * scales and zero points (one per index of the axis at most). Stateless and thread-safe.
 */
final class DequantizedValues implements DecodedBytes.Decoder {

    private final ByteSource quantized;
    private final DType type;
    private final float[] scales;
    private final float[] zeroPoints;
    private final long stride;
    private final long axisLength;

    /**
     * @param quantized  the integer values, little-endian
     * @param type       their dtype: i8, u8, i16, u16 or i32
     * @param shape      the weight's shape
     * @param axis       the axis the scales and zero points run along (ignored when both have one value)
     * @param scales     one scale, or one per index of the axis
     * @param zeroPoints one zero point, or one per index of the axis
     */
    DequantizedValues(ByteSource quantized, DType type, Shape shape, int axis, float[] scales, float[] zeroPoints) {
        this.quantized = quantized;
        this.type = type;
        this.scales = scales.clone();
        this.zeroPoints = zeroPoints.clone();
        boolean perTensor = scales.length == 1 && zeroPoints.length == 1;
        long s = 1;
        for (int d = shape.rank() - 1; d > axis && !perTensor; d--) {
            s *= shape.dim(d);
        }
        this.stride = s;
        this.axisLength = perTensor ? 1 : shape.dim(axis);
    }

    /** The dequantized tensor's bytes: 4 per element of the quantized one. */
    static DecodedBytes source(ByteSource quantized, DType type, Shape shape, int axis, float[] scales,
                               float[] zeroPoints) {
        return new DecodedBytes(Math.multiplyExact(shape.elementCount(), 4L),
                new DequantizedValues(quantized, type, shape, axis, scales, zeroPoints));
    }

    @Override
    public ByteBuffer decode(long offset, int length) throws IOException {
        long first = offset / Float.BYTES;
        long end = (offset + length + Float.BYTES - 1) / Float.BYTES;
        int count = Math.toIntExact(end - first);
        int size = type.byteSize();
        ByteBuffer in = quantized.window(first * size, count * size);
        int base = in.position();
        ByteBuffer out = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            int q = switch (type) {
                case I32 -> in.getInt(base + 4 * i);
                case I16, U16 -> (int) Decoding.patternToDouble(type, in.getShort(base + 2 * i) & 0xFFFF);
                default -> (int) Decoding.patternToDouble(type, in.get(base + i) & 0xFF);
            };
            int index = axisLength == 1 ? 0 : (int) (((first + i) / stride) % axisLength);
            float scale = scales[scales.length == 1 ? 0 : index];
            float zeroPoint = zeroPoints[zeroPoints.length == 1 ? 0 : index];
            out.putFloat(((float) q - zeroPoint) * scale);
        }
        int skip = (int) (offset - first * Float.BYTES);
        return out.flip().position(skip).slice().order(ByteOrder.LITTLE_ENDIAN).limit(length);
    }
}
