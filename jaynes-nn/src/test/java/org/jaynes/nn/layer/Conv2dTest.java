package org.jaynes.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.jaynes.nn.tensor.ImageShape;
import org.jaynes.nn.tensor.MatrixProduct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Conv2d} against the definition summed directly in double (the oracle), cut into chunks against uncut,
 * and on one thread against two. Float sums of at most C·k² = 36 products of values below 1 differ from the
 * double sum by a few ulps of the terms: a tolerance of 1e-5 leaves room without hiding an index error.
 */
class Conv2dTest {

    private static final long SEED = 97L;
    private static final double TOLERANCE = 1e-5;
    private static final MatrixProduct ONE = MatrixProduct.withThreads(1);
    private static final MatrixProduct TWO = MatrixProduct.withThreads(2);

    @AfterAll
    static void close() {
        ONE.close();
        TWO.close();
    }

    private static float[] random(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static void randomize(Conv2d conv, SplittableRandom random) {
        for (Parameter p : conv.parameters()) {
            System.arraycopy(random(random, p.size()), 0, p.values(), 0, p.size());
        }
    }

    private static double direct(Conv2d conv, float[] x, int n, int o, int i, int j, int kernel, int padding) {
        return direct(conv, x, n, o, i, j, kernel, 1, padding);
    }

    /** y[n, o, i, j] = b[o] + Σ W[o, c, u, v] x[n, c, s·i + u − p, s·j + v − p], zero outside, in double. */
    private static double direct(Conv2d conv, float[] x, int n, int o, int i, int j, int kernel, int stride,
                                 int padding) {
        ImageShape in = conv.inputShape();
        float[] w = conv.weight().values();
        double sum = conv.bias().values()[o];
        for (int c = 0; c < in.channels(); c++) {
            for (int u = 0; u < kernel; u++) {
                for (int v = 0; v < kernel; v++) {
                    int y = stride * i + u - padding;
                    int z = stride * j + v - padding;
                    if (y >= 0 && y < in.height() && z >= 0 && z < in.width()) {
                        sum += (double) w[((o * in.channels() + c) * kernel + u) * kernel + v]
                                * x[((n * in.channels() + c) * in.height() + y) * in.width() + z];
                    }
                }
            }
        }
        return sum;
    }

    @ParameterizedTest(name = "{0}×{1}×{2} image, {3} out, kernel {4}, padding {5}")
    @CsvSource({"1, 6, 6, 2, 3, 1", "3, 5, 7, 4, 3, 1", "2, 6, 5, 3, 2, 0", "2, 4, 4, 2, 3, 2", "1, 5, 5, 1, 5, 0"})
    void theOutputIsTheDirectSum(int channels, int height, int width, int out, int kernel, int padding) {
        SplittableRandom random = new SplittableRandom(SEED);
        int rows = 3;
        Conv2d conv = new Conv2d("c", new ImageShape(channels, height, width), out, kernel, padding, rows, TWO);
        randomize(conv, random);
        float[] x = random(random, rows * conv.inputSize());
        float[] y = conv.forward(x, rows);
        ImageShape shape = conv.outputShape();
        assertEquals(new ImageShape(out, height + 2 * padding - kernel + 1, width + 2 * padding - kernel + 1), shape);
        for (int n = 0; n < rows; n++) {
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < shape.height(); i++) {
                    for (int j = 0; j < shape.width(); j++) {
                        int at = ((n * out + o) * shape.height() + i) * shape.width() + j;
                        assertEquals(direct(conv, x, n, o, i, j, kernel, padding), y[at], TOLERANCE,
                                "y[" + n + ", " + o + ", " + i + ", " + j + "] (seed " + SEED + ")");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}×{1}×{2} image, kernel {3}, stride {4}, padding {5}")
    @CsvSource({"1, 7, 7, 3, 2, 1", "2, 8, 5, 5, 2, 2", "3, 9, 10, 3, 3, 0", "1, 6, 6, 2, 2, 0", "2, 5, 7, 4, 3, 2"})
    void aStridedOutputIsTheDirectSum(int channels, int height, int width, int kernel, int stride, int padding) {
        SplittableRandom random = new SplittableRandom(SEED);
        int rows = 2;
        int out = 3;
        Conv2d conv = new Conv2d("c", new ImageShape(channels, height, width), out, kernel, stride, padding, rows,
                TWO);
        randomize(conv, random);
        float[] x = random(random, rows * conv.inputSize());
        float[] y = conv.forward(x, rows);
        ImageShape shape = conv.outputShape();
        assertEquals(new ImageShape(out, (height + 2 * padding - kernel) / stride + 1,
                (width + 2 * padding - kernel) / stride + 1), shape);
        for (int n = 0; n < rows; n++) {
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < shape.height(); i++) {
                    for (int j = 0; j < shape.width(); j++) {
                        int at = ((n * out + o) * shape.height() + i) * shape.width() + j;
                        assertEquals(direct(conv, x, n, o, i, j, kernel, stride, padding), y[at], TOLERANCE,
                                "y[" + n + ", " + o + ", " + i + ", " + j + "] (seed " + SEED + ")");
                    }
                }
            }
        }
    }

    /**
     * A batch cut into one-example chunks gives the same output and input gradient bit for bit (each value is
     * summed in the same order) and the same parameter gradients up to the rounding of adding chunk by chunk.
     */
    @Test
    void cuttingTheBatchIntoChunksChangesNothingButRounding() {
        SplittableRandom random = new SplittableRandom(SEED);
        ImageShape image = new ImageShape(2, 6, 6);
        int rows = 5;
        Conv2d whole = new Conv2d("c", image, 3, 3, 1, rows, TWO);
        Conv2d cut = new Conv2d("c", image, 3, 3, 1, 1, rows, TWO, 2 * 9 * 36 * 2);
        assertEquals(rows, whole.chunkExamples());
        assertEquals(2, cut.chunkExamples());
        randomize(whole, random);
        for (int q = 0; q < 2; q++) {
            System.arraycopy(whole.parameters().get(q).values(), 0, cut.parameters().get(q).values(), 0,
                    whole.parameters().get(q).size());
        }
        float[] x = random(random, rows * image.size());
        float[] g = random(random, rows * whole.outputSize());
        assertArrayEquals(whole.forward(x, rows).clone(), cut.forward(x, rows).clone());
        float[] wholeInput = whole.backward(g, rows, true).clone();
        float[] cutInput = cut.backward(g, rows, true).clone();
        assertArrayEquals(Arrays.copyOf(wholeInput, rows * image.size()), Arrays.copyOf(cutInput, rows * image.size()));
        for (int q = 0; q < 2; q++) {
            float[] a = whole.parameters().get(q).gradient();
            float[] b = cut.parameters().get(q).gradient();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], TOLERANCE * (1 + Math.abs(a[i])), "gradient " + q + "[" + i + "]");
            }
        }
    }

    /** Large enough for the product to split over threads; every output and gradient agrees bit for bit. */
    @Test
    void oneThreadAndTwoGiveTheSameBits() {
        SplittableRandom random = new SplittableRandom(SEED);
        ImageShape image = new ImageShape(4, 12, 12);
        int rows = 16;
        Conv2d single = new Conv2d("c", image, 8, 3, 1, rows, ONE);
        Conv2d pair = new Conv2d("c", image, 8, 3, 1, rows, TWO);
        randomize(single, random);
        for (int q = 0; q < 2; q++) {
            System.arraycopy(single.parameters().get(q).values(), 0, pair.parameters().get(q).values(), 0,
                    single.parameters().get(q).size());
        }
        float[] x = random(random, rows * image.size());
        float[] g = random(random, rows * single.outputSize());
        assertArrayEquals(single.forward(x, rows), pair.forward(x, rows));
        assertArrayEquals(single.backward(g, rows, true), pair.backward(g, rows, true));
        assertArrayEquals(single.weight().gradient(), pair.weight().gradient());
        assertArrayEquals(single.bias().gradient(), pair.bias().gradient());
    }

    @Test
    void theWeightIsShapedAndNamedLikePyTorch() {
        Conv2d conv = new Conv2d("layers.3", new ImageShape(8, 14, 14), 16, 3, 1, 4, ONE);
        assertEquals("layers.3.weight", conv.weight().name());
        assertArrayEquals(new int[] {16, 8, 3, 3}, conv.weight().shape());
        assertEquals("layers.3.bias", conv.bias().name());
        assertArrayEquals(new int[] {16}, conv.bias().shape());
        assertEquals(72, conv.fanIn());
        assertEquals(144, conv.fanOut());
        assertEquals(16 * 14 * 14, conv.outputSize());
    }

    @Test
    void aKernelLargerThanThePaddedImageIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d("c", new ImageShape(1, 2, 5), 1, 5, 1, 1, ONE));
        assertEquals("a 5x5 kernel with padding 1 does not fit a 1x2x5 image", e.getMessage());
    }
}
