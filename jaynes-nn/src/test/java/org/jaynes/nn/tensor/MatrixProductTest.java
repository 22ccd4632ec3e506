package org.jaynes.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MatrixProductTest {

    /** The oracle: the triple loop with a float accumulator, p in order. */
    private static float[] naive(float[] a, float[] b, float[] c0, int m, int k, int n) {
        float[] c = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = c[i * n + j];
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
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

    /** Blocked, on 1 or 3 threads, the product is the naive loop's bit for bit (same order of float sums). */
    @Property(tries = 60)
    void equalsTheNaiveProductBitForBit(@ForAll @IntRange(min = 1, max = 70) int m,
                                        @ForAll @IntRange(min = 1, max = 90) int k,
                                        @ForAll @IntRange(min = 1, max = 70) int n,
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
        }
    }
}
