package org.jaynes.formats.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.ElementWindow;
import org.jaynes.core.tensor.FileRegion;

/**
 * Dequantizes any window of a block-quantized tensor to little-endian f32: maps only the blocks that
 * hold the window's values, dequantizes them one at a time, and keeps the values the window asks for.
 * A window may start and end anywhere, even inside a value; the heap it costs is the window itself and
 * one block of floats. Stateless and thread-safe: windows can be decoded in parallel.
 */
final class QuantizedDecoder implements DecodedBytes.Decoder {

    private final FileRegion blocks;
    private final BlockFormat format;

    /**
     * @param blocks the tensor's quantized bytes in the file, a whole number of blocks
     * @param format how each block is laid out
     */
    QuantizedDecoder(FileRegion blocks, BlockFormat format) {
        this.blocks = blocks;
        this.format = format;
    }

    /** The tensor's f32 values as a byte source, computed window by window. */
    static DecodedBytes source(FileRegion blocks, BlockFormat format) {
        long values = blocks.length() / format.bytesPerBlock() * format.blockSize();
        return new DecodedBytes(values * Float.BYTES, blocks.files(), new QuantizedDecoder(blocks, format));
    }

    @Override
    public ByteBuffer decode(long offset, int length) throws IOException {
        ElementWindow window = ElementWindow.of(offset, length, Float.BYTES);
        long first = window.first();
        long end = window.end();
        int size = format.blockSize();
        long firstBlock = first / size;
        long endBlock = (end + size - 1) / size;
        ByteBuffer out = ByteBuffer.allocate((int) ((end - first) * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        if (endBlock > firstBlock) {
            ByteBuffer in = blocks.window(firstBlock * format.bytesPerBlock(),
                    Math.toIntExact((endBlock - firstBlock) * format.bytesPerBlock()));
            FloatBuffer values = out.asFloatBuffer();
            float[] block = new float[size];
            for (long b = firstBlock; b < endBlock; b++) {
                format.dequantize(in, (int) ((b - firstBlock) * format.bytesPerBlock()), block);
                long from = Math.max(first, b * size);
                long to = Math.min(end, (b + 1) * size);
                values.put(block, (int) (from - b * size), (int) (to - from));
            }
        }
        return window.cut(out);
    }
}
