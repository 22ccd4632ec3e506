package org.jaynes.formats.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.HeapBytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AffineDecoderTest {

    private static final double MIN = -0.37;
    private static final double SCALE = 0.0031;

    /**
     * Each element is q · scale + min in double, stored as f32 (or rounded to an int32), whether a window is
     * decoded on its own or by a reader into its scratch buffer, at any byte offset.
     */
    @ParameterizedTest(name = "levels of {0} bytes, int32 {1}")
    @CsvSource({"1, false", "2, false", "1, true"})
    void everyWindowDecodesEachLevelAlikeWithOrWithoutScratch(int levelSize, boolean integers) throws IOException {
        int elements = 5000;
        ByteBuffer levels = ByteBuffer.allocate(elements * levelSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < elements; i++) {
            int q = i * 37 % (levelSize == 1 ? 256 : 65536);
            if (levelSize == 1) {
                levels.put((byte) q);
            } else {
                levels.putShort((short) q);
            }
        }
        DecodedBytes values = AffineDecoder.source(new HeapBytes(levels.flip()), levelSize, MIN, SCALE, integers);
        ByteBuffer scratch = ByteBuffer.allocateDirect(1 << 15);
        // (offset, length) in bytes: short and long windows, starting and ending inside elements or on their
        // edges, the last reaching the end
        int[][] windows = {{0, 1}, {2, 6}, {4, 4096}, {4095, 7000}, {12001, 6}, {3, 19997}};
        for (int[] w : windows) {
            ByteBuffer read = values.read(w[0], w[1], scratch);
            assertEquals(values.window(w[0], w[1]), read, "bytes " + w[0] + " + " + w[1]);
            assertTrue(read.isDirect(), "decoded into the scratch buffer");
        }
        ByteBuffer all = values.read(0, 4 * elements, scratch);
        for (int i = 0; i < elements; i++) {
            double value = (i * 37 % (levelSize == 1 ? 256 : 65536)) * SCALE + MIN;
            if (integers) {
                assertEquals((int) Math.round(value), all.getInt(4 * i), "element " + i);
            } else {
                assertEquals((float) value, all.getFloat(4 * i), 0f, "element " + i);
            }
        }
    }
}
