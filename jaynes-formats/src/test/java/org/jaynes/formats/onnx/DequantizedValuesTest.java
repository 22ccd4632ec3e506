package org.jaynes.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Shape;
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

    private static void checkWindows(DType type, Shape shape, int axis, int firstStep, int countStep)
            throws IOException {
        int elements = (int) shape.elementCount();
        ByteBuffer bytes = ByteBuffer.allocate(elements * type.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        int[] q = new int[elements];
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
        long axisLength = shape.dim(axis);
        long stride = 1;
        for (int d = shape.rank() - 1; d > axis; d--) {
            stride *= shape.dim(d);
        }
        float[] scales = new float[(int) axisLength];
        float[] zeroPoints = new float[(int) axisLength];
        for (int k = 0; k < axisLength; k++) {
            scales[k] = 0.01f * (k + 1);
            zeroPoints[k] = k - 1;
        }
        HeapBytes source = new HeapBytes(bytes.flip());
        DequantizedValues values = new DequantizedValues(source, type, shape, axis, scales, zeroPoints);
        for (int first = 0; first < elements; first += firstStep) {
            for (int count = 1; first + count <= elements; count += countStep) {
                ByteBuffer out = values.decode(4L * first, 4 * count);
                for (int i = 0; i < count; i++) {
                    int index = (int) ((first + i) / stride % axisLength);
                    float expected = ((float) q[first + i] - zeroPoints[index]) * scales[index];
                    assertEquals(expected, out.getFloat(4 * i), 0f,
                            type + " axis " + axis + " element " + (first + i));
                }
            }
        }
    }
}
