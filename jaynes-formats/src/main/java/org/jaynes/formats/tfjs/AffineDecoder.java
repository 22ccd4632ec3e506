package org.jaynes.formats.tfjs;

import java.io.IOException;
import java.nio.ByteBuffer;
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
        long first = window.first();
        long end = window.end();
        ByteBuffer out = DecodedBytes.output(scratch, Math.toIntExact((end - first) * 4));
        ByteBuffer raw = levels.window(first * levelSize, Math.toIntExact((end - first) * levelSize));
        for (long i = first; i < end; i++) {
            int index = (int) (i - first) * levelSize;
            int q = levelSize == 1 ? raw.get(index) & 0xff : raw.getShort(index) & 0xffff;
            double value = q * scale + min;
            if (integers) {
                out.putInt((int) Math.round(value));
            } else {
                out.putFloat((float) value);
            }
        }
        return window.cut(out);
    }
}
