package org.jaynes.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MatrixProductTest {

    /** The oracle: the triple loop with a fused multiply-add per step, p in order. */
    private static float[] naive(float[] a, float[] b, float[] c0, int m, int k, int n) {
        float[] c = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = c[i * n + j];
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[i * k + p], b[p * n + j], s);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static float[] random(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static float[] transposed(float[] x, int rows, int columns) {
        float[] t = new float[x.length];
        MatrixProduct.transpose(x, rows, columns, t);
        return t;
    }

    /** Blocked, on 1 or 3 threads, the product is the naive loop's bit for bit (same chain of fused steps). */
    @Property(tries = 60)
    void equalsTheNaiveProductBitForBit(@ForAll @IntRange(min = 1, max = 70) int m,
                                        @ForAll @IntRange(min = 0, max = 300) int k,
                                        @ForAll @IntRange(min = 1, max = 300) int n,
                                        @ForAll boolean accumulate, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = random(random, m * k);
        float[] b = random(random, k * n);
        float[] start = accumulate ? random(random, m * n) : new float[m * n];
        float[] expected = naive(a, b, start, m, k, n);
        try (MatrixProduct one = MatrixProduct.withThreads(1); MatrixProduct three = MatrixProduct.withThreads(3)) {
            float[] c1 = accumulate ? start.clone() : random(random, m * n);
            one.multiply(a, b, c1, m, k, n, accumulate);
            float[] c3 = accumulate ? start.clone() : random(random, m * n);
            three.multiply(a, b, c3, m, k, n, accumulate);
            assertArrayEquals(expected, c1, "single thread, seed " + seed);
            assertArrayEquals(expected, c3, "three threads, seed " + seed);
        }
    }

    /**
     * Aᵀ·B and A·Bᵀ, from the operands as stored, are bit for bit A·B of the explicitly transposed operands, on
     * 1 and 3 threads; sizes cross the panel width and depth block and the wide and narrow branches of A·Bᵀ.
     */
    @Property(tries = 40)
    void transposedVariantsEqualTheProductOfTransposes(@ForAll @IntRange(min = 1, max = 150) int m,
                                                       @ForAll @IntRange(min = 1, max = 300) int k,
                                                       @ForAll @IntRange(min = 1, max = 150) int n,
                                                       @ForAll boolean accumulate, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = random(random, m * k);
        float[] b = random(random, k * n);
        float[] start = accumulate ? random(random, m * n) : new float[m * n];
        float[] expected = naive(a, b, start, m, k, n);
        float[] aStoredTransposed = transposed(a, m, k);
        float[] bStoredTransposed = transposed(b, k, n);
        for (int threads : new int[] {1, 3}) {
            try (MatrixProduct product = MatrixProduct.withThreads(threads)) {
                float[] left = accumulate ? start.clone() : random(random, m * n);
                product.multiplyTransposeA(aStoredTransposed, b, left, m, k, n, accumulate);
                assertArrayEquals(expected, left, "Aᵀ·B on " + threads + " threads, seed " + seed);
                float[] right = accumulate ? start.clone() : random(random, m * n);
                product.multiplyTransposeB(a, bStoredTransposed, right, m, k, n, accumulate);
                assertArrayEquals(expected, right, "A·Bᵀ on " + threads + " threads, seed " + seed);
            }
        }
    }

    /** The shapes of a 784-256-10 training step: every variant, 1 and 2 threads, against the oracle. */
    @Test
    void denseLayerShapesMatchTheOracleOnAnyThreads() {
        SplittableRandom random = new SplittableRandom(7);
        int rows = 64;
        int in = 784;
        int out = 256;
        float[] x = random(random, rows * in);
        float[] w = random(random, out * in);
        float[] g = random(random, rows * out);
        float[] bias = random(random, rows * out);
        float[] forward = naive(x, transposed(w, out, in), bias, rows, in, out);
        float[] weightGradient = naive(transposed(g, rows, out), x, new float[out * in], out, rows, in);
        for (int threads : new int[] {1, 2}) {
            try (MatrixProduct product = MatrixProduct.withThreads(threads)) {
                float[] y = bias.clone();
                product.multiplyTransposeB(x, w, y, rows, in, out, true);
                assertArrayEquals(forward, y, "forward on " + threads + " threads");
                float[] dw = new float[out * in];
                product.multiplyTransposeA(g, x, dw, out, rows, in, false);
                assertArrayEquals(weightGradient, dw, "weight gradient on " + threads + " threads");
            }
        }
    }

    /** Large enough to split across threads: the threaded product equals the single-threaded one. */
    @Test
    void multiThreadedEqualsSingleThreadedOnALargeProduct() {
        SplittableRandom random = new SplittableRandom(42);
        int m = 131;
        int k = 784;
        int n = 257;
        float[] a = random(random, m * k);
        float[] b = random(random, k * n);
        float[] single = new float[m * n];
        float[] multi = new float[m * n];
        try (MatrixProduct one = MatrixProduct.withThreads(1); MatrixProduct four = MatrixProduct.withThreads(4)) {
            one.multiply(a, b, single, m, k, n, false);
            four.multiply(a, b, multi, m, k, n, false);
        }
        assertArrayEquals(single, multi);
        assertArrayEquals(naive(a, b, new float[m * n], m, k, n), single);
    }

    /**
     * Depths that are not a multiple of four are padded: the padded steps must add −0, which leaves a −0
     * sum a −0 (adding +0 would turn it into +0, unlike the naive loop).
     */
    @Test
    void paddedStepsKeepANegativeZero() {
        int m = 5;
        int k = 3;
        int n = 7;
        float[] a = new float[m * k];
        Arrays.fill(a, -0f);
        float[] b = new float[k * n];
        Arrays.fill(b, 1f);
        float[] start = new float[m * n];
        Arrays.fill(start, -0f);
        float[] expected = naive(a, b, start, m, k, n);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(expected[0]), "the oracle keeps −0");
        try (MatrixProduct one = MatrixProduct.withThreads(1)) {
            float[] c = start.clone();
            one.multiply(a, b, c, m, k, n, true);
            assertArrayEquals(expected, c);
        }
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        float[] src = {1, 2, 3, 4, 5, 6};
        float[] dst = new float[6];
        MatrixProduct.transpose(src, 2, 3, dst);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, dst);
    }

    @Test
    void tooSmallArraysAreRefusedWithBothShapes() {
        try (MatrixProduct one = MatrixProduct.withThreads(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> one.multiply(new float[5], new float[6], new float[4], 2, 3, 2, false));
            assertEquals("matrices too small for 2×3 · 3×2: A has 5, B 6, C 4 elements", e.getMessage());
            IllegalArgumentException left = assertThrows(IllegalArgumentException.class,
                    () -> one.multiplyTransposeA(new float[6], new float[5], new float[4], 2, 3, 2, false));
            assertEquals("matrices too small for (3×2)ᵀ · 3×2: A has 6, B 5, C 4 elements", left.getMessage());
            IllegalArgumentException right = assertThrows(IllegalArgumentException.class,
                    () -> one.multiplyTransposeB(new float[6], new float[6], new float[3], 2, 3, 2, false));
            assertEquals("matrices too small for 2×3 · (2×3)ᵀ: A has 6, B 6, C 3 elements", right.getMessage());
        }
    }
}
