package org.jaynes.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link NarrowProduct} against the sum in double (the oracle). Terms are products of values in [−1, 1]; a float
 * chain of k/128 steps plus 128 lane additions errs by at most about (k/128 + 128)·2⁻²⁴ times the sum of |terms|
 * ≤ k: the tolerance 1e-6·k leaves room for that without hiding an index error (one wrong term moves a sum by
 * about 0.3).
 */
class NarrowProductTest {

    private static final long SEED = 41L;

    private static float[] random(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    @ParameterizedTest(name = "{0}×{1} over {2}, accumulate {3}")
    @CsvSource({"8, 9, 50000, false", "5, 3, 130, true", "1, 1, 1, false", "16, 72, 1000, true", "3, 7, 0, true",
        "4, 1, 127, false"})
    void theProductIsTheSumOfProducts(int m, int n, int k, boolean accumulate) {
        SplittableRandom random = new SplittableRandom(SEED);
        float[] a = random(random, m * k);
        float[] b = random(random, n * k);
        float[] c = random(random, m * n);
        float[] before = c.clone();
        new NarrowProduct(m + 1, n).multiplyTransposeB(a, b, c, m, k, n, accumulate);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? before[i * n + j] : 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[i * k + p] * b[j * k + p];
                }
                assertEquals(sum, c[i * n + j], 1e-6 * (k + 1), "c[" + i + ", " + j + "] (seed " + SEED + ")");
            }
        }
    }

    @Test
    void aProductLargerThanItsBuffersIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NarrowProduct(2, 3).multiplyTransposeB(new float[12], new float[12], new float[9], 3, 4, 3,
                        false));
        assertEquals("a narrow product of at most 2×3 cannot take 3×4 · (3×4)ᵀ with arrays of 12, 12 and 9",
                e.getMessage());
    }
}
