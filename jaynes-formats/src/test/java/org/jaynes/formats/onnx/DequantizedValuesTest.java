package org.jaynes.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.ElementWindow;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DequantizedValuesTest {

    /**
     * Every window, at every offset, gives each element (q − zero point) · scale with the scale and zero
     * point of its index along the axis: the index the loop tracks equals the one divided out.
     */
    @ParameterizedTest(name = "{0} axis {1}")
    @CsvSource({"I8, 0", "I8, 1", "U8, 1", "I16, 2", "U16, 0", "I32, 1"})
    void everyWindowDequantizesEachElementByItsAxisIndex(DType type, int axis) throws IOException {
        checkWindows(type, Shape.of(3, 5, 4), axis, 7, 11);
    }

    /**
     * Windows longer than the decoder's chunk of 4,096 values, whose runs of one scale cross the chunks'
     * edges (stride 3,000 along axis 0) or last one value each (along axis 1).
     */
    @ParameterizedTest(name = "{0} axis {1}")
    @CsvSource({"I8, 0", "U8, 1", "I16, 0", "I32, 1"})
    void windowsAcrossChunksKeepTheirAxisIndex(DType type, int axis) throws IOException {
        checkWindows(type, Shape.of(3, 3000, 1), axis, 1999, 2753);
    }

    /**
     * A window decoded into a reader's scratch buffer has the bytes of the window decoded on its own, at any
     * byte offset; it is written into the scratch when the elements it touches fit, and into a buffer of its
     * own when they do not.
     */
    @Test
    void aWindowDecodedIntoScratchHasTheBytesOfAFreshOne() throws IOException {
        Shape shape = Shape.of(3, 3000, 1);
        int[] q = new int[(int) shape.elementCount()];
        DequantizedValues values = values(DType.I8, shape, 0, q);
        ByteBuffer scratch = ByteBuffer.allocateDirect(1 << 14);
        ByteBuffer tooSmall = ByteBuffer.allocateDirect(64);
        for (long offset : new long[] {0, 1, 3, 4097, 12345}) {
            for (int length : new int[] {1, 5, 4096, 16000}) {
                ByteBuffer fresh = values.decode(offset, length);
                ByteBuffer intoScratch = values.decode(offset, length, scratch);
                assertEquals(fresh, intoScratch, "offset " + offset + " length " + length);
                assertTrue(intoScratch.isDirect(), "decoded into the scratch buffer");
                ByteBuffer own = values.decode(offset, length, tooSmall);
                assertEquals(fresh, own, "offset " + offset + " length " + length + ", small scratch");
                int touched = 4 * ElementWindow.of(offset, length, 4).count();
                assertEquals(touched <= tooSmall.capacity(), own.isDirect(), "scratch used only when room");
            }
        }
    }

    private static void checkWindows(DType type, Shape shape, int axis, int firstStep, int countStep)
            throws IOException {
        int elements = (int) shape.elementCount();
        int[] q = new int[elements];
        DequantizedValues values = values(type, shape, axis, q);
        long axisLength = shape.dim(axis);
        long stride = 1;
        for (int d = shape.rank() - 1; d > axis; d--) {
            stride *= shape.dim(d);
        }
        for (int first = 0; first < elements; first += firstStep) {
            for (int count = 1; first + count <= elements; count += countStep) {
                ByteBuffer out = values.decode(4L * first, 4 * count);
                for (int i = 0; i < count; i++) {
                    int index = (int) ((first + i) / stride % axisLength);
                    float expected = ((float) q[first + i] - zeroPoint(index)) * scale(index);
                    assertEquals(expected, out.getFloat(4 * i), 0f,
                            type + " axis " + axis + " element " + (first + i));
                }
            }
        }
    }

    /**
     * Quantized values of {@code type} (their integers into {@code q}), index k of the axis with scale
     * {@link #scale}(k) and zero point {@link #zeroPoint}(k).
     */
    private static DequantizedValues values(DType type, Shape shape, int axis, int[] q) {
        int elements = (int) shape.elementCount();
        ByteBuffer bytes = ByteBuffer.allocate(elements * type.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < elements; i++) {
            q[i] = (i * 37 % 251) - (type == DType.U8 || type == DType.U16 ? 0 : 120);
            if (type == DType.I8) {
                q[i] = (byte) q[i]; // what the stored byte reads back as
            }
            switch (type) {
                case I32 -> bytes.putInt(q[i]);
                case I16, U16 -> bytes.putShort((short) q[i]);
                default -> bytes.put((byte) q[i]);
            }
        }
        float[] scales = new float[(int) shape.dim(axis)];
        float[] zeroPoints = new float[scales.length];
        for (int k = 0; k < scales.length; k++) {
            scales[k] = scale(k);
            zeroPoints[k] = zeroPoint(k);
        }
        return new DequantizedValues(new HeapBytes(bytes.flip()), type, shape, axis, scales, zeroPoints);
    }

    private static float scale(int index) {
        return 0.01f * (index + 1);
    }

    private static float zeroPoint(int index) {
        return index - 1;
    }
}
