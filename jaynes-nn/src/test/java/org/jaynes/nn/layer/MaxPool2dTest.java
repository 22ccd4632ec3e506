package org.jaynes.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.jaynes.nn.tensor.ImageShape;
import org.junit.jupiter.api.Test;

class MaxPool2dTest {

    /** A 1×3×5 image: the last row and column are beyond the last whole 2×2 window and dropped. */
    private static final float[] IMAGE = {
        1, 7, 2, 2, 9,
        3, 0, 2, 1, 9,
        9, 9, 9, 9, 9,
    };

    @Test
    void eachWindowGivesItsMaximumAndIncompleteWindowsAreDropped() {
        MaxPool2d pool = new MaxPool2d(new ImageShape(1, 3, 5), 2, 1);
        assertEquals(new ImageShape(1, 1, 2), pool.outputShape());
        assertArrayEquals(new float[] {7, 2}, Arrays.copyOf(pool.forward(IMAGE, 1), 2));
    }

    /** The second window holds 2 three times: the first in row-major order takes the whole gradient. */
    @Test
    void theGradientGoesToTheMaximumAndTiesToTheFirst() {
        MaxPool2d pool = new MaxPool2d(new ImageShape(1, 3, 5), 2, 1);
        pool.forward(IMAGE, 1);
        float[] gradient = pool.backward(new float[] {0.5f, -3f}, 1, true);
        float[] expected = new float[15];
        expected[1] = 0.5f;
        expected[2] = -3f;
        assertArrayEquals(expected, Arrays.copyOf(gradient, 15));
    }

    @Test
    void channelsAndExamplesArePooledSeparately() {
        MaxPool2d pool = new MaxPool2d(new ImageShape(2, 2, 2), 2, 2);
        float[] x = {1, 2, 3, 4, -1, -2, -3, -4, 5, 0, 0, 0, 0, 0, 0, 6};
        assertArrayEquals(new float[] {4, -1, 5, 6}, Arrays.copyOf(pool.forward(x, 2), 4));
        float[] gradient = pool.backward(new float[] {1, 2, 3, 4}, 2, true);
        assertArrayEquals(new float[] {0, 0, 0, 1, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 4}, Arrays.copyOf(gradient, 16));
    }

    @Test
    void aNaNInAWindowPropagates() {
        MaxPool2d pool = new MaxPool2d(new ImageShape(1, 2, 2), 2, 1);
        float[] y = pool.forward(new float[] {1, Float.NaN, 5, 2}, 1);
        assertEquals(Float.NaN, y[0]);
        assertArrayEquals(new float[] {0, 1, 0, 0}, pool.backward(new float[] {1}, 1, true));
    }

    @Test
    void aWindowLargerThanTheImageIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPool2d(new ImageShape(3, 1, 4), 2, 8));
        assertEquals("a 2x2 pooling window does not fit a 3x1x4 image", e.getMessage());
    }
}
