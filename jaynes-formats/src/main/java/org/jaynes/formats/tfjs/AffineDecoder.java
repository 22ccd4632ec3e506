package org.jaynes.formats.tfjs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.ElementWindow;

/**
 * The values of a uint8- or uint16-quantized TF.js weight, any window on demand, exactly as tfjs-core's
 * {@code decodeWeight} computes them in JavaScript: {@code v = q * scale + min} in double precision, then
 * stored in a Float32Array (rounded once to f32) for a float32 weight, or {@code Math.round(v)} stored in
 * an Int32Array for an int32 weight. Heap: the window and its levels. Stateless and thread-safe.
 */
final class AffineDecoder implements DecodedBytes.Decoder {

    /** Values decoded at a time. */
    private static final int CHUNK = 4096;

    private final ByteSource levels;
    private final int levelSize;
    private final double min;
    private final double scale;
    private final boolean integers;

    private AffineDecoder(ByteSource levels, int levelSize, double min, double scale, boolean integers) {
        this.levels = levels;
        this.levelSize = levelSize;
        this.min = min;
        this.scale = scale;
        this.integers = integers;
    }

    /**
     * @param levels    the stored levels
     * @param levelSize 1 (uint8) or 2 (uint16)
     * @param integers  whether the weight is int32 (else float32)
     */
    static DecodedBytes source(ByteSource levels, int levelSize, double min, double scale, boolean integers) {
        return new DecodedBytes(levels.length() / levelSize * 4, levels.files(),
                new AffineDecoder(levels, levelSize, min, scale, integers));
    }

    @Override
    public ByteBuffer decode(long offset, int length) throws IOException {
        return decode(offset, length, null);
    }

    @Override
    public ByteBuffer decode(long offset, int length, ByteBuffer scratch) throws IOException {
        ElementWindow window = ElementWindow.of(offset, length, 4);
        int count = window.count();
        ByteBuffer out = DecodedBytes.output(scratch, Math.multiplyExact(count, 4));
        ByteBuffer raw = levels.window(window.first() * levelSize, Math.multiplyExact(count, levelSize));
        // Levels are copied and values written a chunk at a time: in bulk, not a buffer call per value.
        ShortBuffer shortLevels = levelSize == 1 ? null
                : raw.duplicate().position(0).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        FloatBuffer floats = out.asFloatBuffer();
        IntBuffer ints = out.asIntBuffer();
        int chunk = Math.min(CHUNK, count);
        byte[] bytes = levelSize == 1 ? new byte[chunk] : null;
        short[] shorts = levelSize == 1 ? null : new short[chunk];
        float[] floatValues = integers ? null : new float[chunk];
        int[] intValues = integers ? new int[chunk] : null;
        for (int start = 0; start < count; start += chunk) {
            int size = Math.min(chunk, count - start);
            if (levelSize == 1) {
                raw.get(start, bytes, 0, size);
            } else {
                shortLevels.get(start, shorts, 0, size);
            }
            for (int i = 0; i < size; i++) {
                int q = levelSize == 1 ? bytes[i] & 0xff : shorts[i] & 0xffff;
                double value = q * scale + min;
                if (integers) {
                    intValues[i] = (int) Math.round(value);
                } else {
                    floatValues[i] = (float) value;
                }
            }
            if (integers) {
                ints.put(start, intValues, 0, size);
            } else {
                floats.put(start, floatValues, 0, size);
            }
        }
        return window.cut(out);
    }
}
