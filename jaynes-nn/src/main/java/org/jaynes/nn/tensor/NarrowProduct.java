package org.jaynes.nn.tensor;

import java.util.Arrays;
import java.util.Locale;

/**
 * C (+)= A·Bᵀ for a small C and a long sum: A m×k and B n×k row-major, C m×n, with m and n a few dozen and k
 * tens of thousands, as in a convolution's weight gradient dW = dY Xᵀ (k = examples × positions).
 *
 * <pre>{@code
 * NarrowProduct product = new NarrowProduct(8, 9);
 * product.multiplyTransposeB(dy, x, dw, 8, k, 9, false);
 * }</pre>
 *
 * <p>Algorithm: the sum over p is split into {@value #LANES} lanes, lane l taking p ≡ l (mod {@value #LANES}) by
 * fused multiply-adds in increasing p; then the lanes are added in order, and C added last when accumulating.
 * Blocks of {@value #LANES} steps of four rows of A and one of B are copied into arrays of their own, so that
 * C2 vectorises the lane loop (see {@link BlockedKernel} for why). That is a reassociation of the sum of
 * {@link MatrixProduct}, whose lanes are the columns of C: with n far below its panel width most of its work is
 * padding. Deterministic (one thread, a fixed order); the error is that of k/{@value #LANES} chained steps plus
 * {@value #LANES} additions, no worse than the single chain. Cost 2mnk flops plus copying (m + n)·k floats;
 * measured with {@code ConvolutionBenchmark} in jaynes-bench. Allocates nothing per call; not thread-safe.
 */
public final class NarrowProduct {

    /** Partial sums per element of C; a block of this many steps is one vectorised loop. */
    static final int LANES = 128;
    private static final int ROWS = 4;

    private final int maxRows;
    private final int maxColumns;
    private final float[][] left;
    private final float[][] right;
    private final float[][] lanes;

    /** For products of at most {@code maxRows} × {@code maxColumns}. */
    public NarrowProduct(int maxRows, int maxColumns) {
        if (maxRows < 1 || maxColumns < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a narrow product needs at least one row "
                    + "and column, not %d×%d", maxRows, maxColumns));
        }
        this.maxRows = maxRows;
        this.maxColumns = maxColumns;
        int rows = (maxRows + ROWS - 1) / ROWS * ROWS;
        this.left = new float[rows][LANES];
        this.right = new float[maxColumns][LANES];
        this.lanes = new float[Math.multiplyExact(rows, maxColumns)][LANES];
    }

    /**
     * C = A·Bᵀ, or C += A·Bᵀ when {@code accumulate}; A m×k, B stored n×k.
     *
     * @throws IllegalArgumentException when m or n exceed this product's sizes or an array is too short
     */
    public void multiplyTransposeB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (m < 0 || n < 0 || k < 0 || m > maxRows || n > maxColumns || a.length < (long) m * k
                || b.length < (long) n * k || c.length < (long) m * n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a narrow product of at most %d×%d cannot "
                    + "take %d×%d · (%d×%d)ᵀ with arrays of %d, %d and %d", maxRows, maxColumns, m, k, n, k,
                    a.length, b.length, c.length));
        }
        int groups = (m + ROWS - 1) / ROWS;
        for (int e = 0; e < groups * ROWS * n; e++) {
            Arrays.fill(lanes[e], 0f);
        }
        for (int p0 = 0; p0 < k; p0 += LANES) {
            int width = Math.min(LANES, k - p0);
            copyBlock(a, m, k, p0, width, left, groups * ROWS);
            copyBlock(b, n, k, p0, width, right, n);
            for (int g = 0; g < groups; g++) {
                int i = g * ROWS;
                for (int j = 0; j < n; j++) {
                    fourRows(left[i], left[i + 1], left[i + 2], left[i + 3], right[j], lanes[i * n + j],
                            lanes[(i + 1) * n + j], lanes[(i + 2) * n + j], lanes[(i + 3) * n + j]);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float[] partial = lanes[i * n + j];
                float sum = 0f;
                for (int l = 0; l < LANES; l++) {
                    sum += partial[l];
                }
                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
        }
    }

    /** Steps p0 … p0 + width − 1 of the first {@code rows} rows (zeros past {@code count} rows and the width). */
    private static void copyBlock(float[] source, int count, int k, int p0, int width, float[][] block, int rows) {
        for (int r = 0; r < rows; r++) {
            if (r < count) {
                System.arraycopy(source, r * k + p0, block[r], 0, width);
                if (width < LANES) {
                    Arrays.fill(block[r], width, LANES, 0f);
                }
            } else {
                Arrays.fill(block[r], 0f);
            }
        }
    }

    private static void fourRows(float[] a0, float[] a1, float[] a2, float[] a3, float[] b, float[] s0, float[] s1,
                                 float[] s2, float[] s3) {
        for (int l = 0; l < LANES; l++) {
            float x = b[l];
            s0[l] = Math.fma(a0[l], x, s0[l]);
            s1[l] = Math.fma(a1[l], x, s1[l]);
            s2[l] = Math.fma(a2[l], x, s2[l]);
            s3[l] = Math.fma(a3[l], x, s3[l]);
        }
    }
}
