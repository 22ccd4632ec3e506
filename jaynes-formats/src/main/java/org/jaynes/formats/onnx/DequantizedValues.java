package org.jaynes.formats.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.Shape;

/**
 * The float32 values of a quantized weight, computed window by window from its integers as ONNX's
 * DequantizeLinear defines them: {@code w = (float(q) − float(zero_point)) · scale}, in float32
 * arithmetic (so bit for bit what onnx's reference implementation and numpy give), the scale and zero
 * point of element {@code i} being those of its index along the axis. Heap use: one window, plus the
 * scales and zero points (one per index of the axis at most). Stateless and thread-safe.
 */
final class DequantizedValues implements DecodedBytes.Decoder {

    /** Values converted at a time, in a small array: the conversion and the arithmetic run as plain loops. */
    private static final int CHUNK = 4096;

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
        return new DecodedBytes(Math.multiplyExact(shape.elementCount(), 4L), quantized.files(),
                new DequantizedValues(quantized, type, shape, axis, scales, zeroPoints));
    }

    @Override
    public ByteBuffer decode(long offset, int length) throws IOException {
        return decode(offset, length, null);
    }

    @Override
    public ByteBuffer decode(long offset, int length, ByteBuffer scratch) throws IOException {
        long first = offset / Float.BYTES;
        long end = (offset + length + Float.BYTES - 1) / Float.BYTES;
        int count = Math.toIntExact(end - first);
        ByteBuffer in = quantized.window(first * type.byteSize(), count * type.byteSize()).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = DecodedBytes.output(scratch, count * Float.BYTES);
        FloatBuffer floats = out.asFloatBuffer();
        float[] chunk = new float[Math.min(CHUNK, count)];
        Raw raw = new Raw(type, chunk.length);
        // The axis index advances every stride elements: tracked, not divided out per element.
        boolean perTensor = axisLength == 1;
        int index = perTensor ? 0 : (int) ((first / stride) % axisLength);
        long left = perTensor ? Long.MAX_VALUE : stride - first % stride;
        for (int start = 0; start < count; start += chunk.length) {
            int size = Math.min(chunk.length, count - start);
            integers(in, start, chunk, size, raw);
            // Runs of one scale and zero point: a plain loop each, which the compiler can vectorise.
            for (int i = 0; i < size; ) {
                int run = (int) Math.min(left, size - i);
                float scale = scales[scales.length == 1 ? 0 : index];
                float zeroPoint = zeroPoints[zeroPoints.length == 1 ? 0 : index];
                for (int j = i; j < i + run; j++) {
                    chunk[j] = (chunk[j] - zeroPoint) * scale;
                }
                i += run;
                left -= run;
                if (left == 0) {
                    index = index + 1 == axisLength ? 0 : index + 1;
                    left = stride;
                }
            }
            floats.put(chunk, 0, size);
        }
        int skip = (int) (offset - first * Float.BYTES);
        return out.position(skip).slice().order(ByteOrder.LITTLE_ENDIAN).limit(length);
    }

    /**
     * Integers {@code [start, start + size)} of {@code in}, each as the nearest float, into {@code into}. The
     * integers are first copied in bulk into {@code raw} (one copy, where reading them one by one from the
     * buffer costs a call per value in code that C1 compiles, as on a Spark driver).
     */
    private void integers(ByteBuffer in, int start, float[] into, int size, Raw raw) {
        switch (type) {
            case I32 -> {
                in.asIntBuffer().get(start, raw.ints, 0, size);
                for (int i = 0; i < size; i++) {
                    into[i] = raw.ints[i];
                }
            }
            case I16 -> {
                in.asShortBuffer().get(start, raw.shorts, 0, size);
                for (int i = 0; i < size; i++) {
                    into[i] = raw.shorts[i];
                }
            }
            case U16 -> {
                in.asShortBuffer().get(start, raw.shorts, 0, size);
                for (int i = 0; i < size; i++) {
                    into[i] = raw.shorts[i] & 0xFFFF;
                }
            }
            case I8 -> {
                in.get(start, raw.bytes, 0, size);
                for (int i = 0; i < size; i++) {
                    into[i] = raw.bytes[i];
                }
            }
            default -> {
                in.get(start, raw.bytes, 0, size);
                for (int i = 0; i < size; i++) {
                    into[i] = raw.bytes[i] & 0xFF;
                }
            }
        }
    }

    /** One chunk's integers as stored, in the array of their width. */
    private static final class Raw {
        final byte[] bytes;
        final short[] shorts;
        final int[] ints;

        Raw(DType type, int size) {
            bytes = type.byteSize() == 1 ? new byte[size] : null;
            shorts = type.byteSize() == 2 ? new short[size] : null;
            ints = type.byteSize() == 4 ? new int[size] : null;
        }
    }
}
