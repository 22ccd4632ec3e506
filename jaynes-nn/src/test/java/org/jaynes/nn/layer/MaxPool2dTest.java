package org.jaynes.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.jaynes.nn.tensor.ImageShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * Regression for the branch-free 2×2 path: against the rule of the class comment, applied in row-major order
     * with float comparisons (the first of equal values, −0 and +0 included, wins; the first NaN wins), on
     * windows drawn from a few values so that ties, signed zeros and NaNs are frequent. Window 3 takes the
     * general loop, which must agree with the same rule.
     */
    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {2, 3})
    void tiesZerosAndNaNsFollowTheRowMajorRule(int window) {
        float[] values = {-1f, -0f, 0f, 1f, 1f, Float.NaN, Float.intBitsToFloat(0xFFC00001), 2f};
        SplittableRandom random = new SplittableRandom(31);
        ImageShape shape = new ImageShape(3, 7, 8);
        int rows = 4;
        MaxPool2d pool = new MaxPool2d(shape, window, rows);
        float[] x = new float[rows * shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = values[random.nextInt(values.length)];
        }
        float[] y = pool.forward(x, rows).clone();
        float[] ones = new float[rows * pool.outputSize()];
        Arrays.fill(ones, 1f);
        float[] chosen = pool.backward(ones, rows, true);
        ImageShape after = pool.outputShape();
        int o = 0;
        for (int plane = 0; plane < rows * shape.channels(); plane++) {
            for (int i = 0; i < after.height(); i++) {
                for (int j = 0; j < after.width(); j++) {
                    int best = plane * shape.plane() + i * window * shape.width() + j * window;
                    for (int u = 0; u < window; u++) {
                        for (int v = 0; v < window; v++) {
                            int index = plane * shape.plane() + (i * window + u) * shape.width() + j * window + v;
                            float value = x[index];
                            float max = x[best];
                            if (value > max || (Float.isNaN(value) && !Float.isNaN(max))) {
                                best = index;
                            }
                        }
                    }
                    assertEquals(Float.floatToRawIntBits(x[best]), Float.floatToRawIntBits(y[o]), "output " + o);
                    assertEquals(1f, chosen[best], "the gradient of output " + o + " goes to input " + best);
                    o++;
                }
            }
        }
    }

    @Test
    void aWindowLargerThanTheImageIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPool2d(new ImageShape(3, 1, 4), 2, 8));
        assertEquals("a 2x2 pooling window does not fit a 3x1x4 image", e.getMessage());
    }
}
