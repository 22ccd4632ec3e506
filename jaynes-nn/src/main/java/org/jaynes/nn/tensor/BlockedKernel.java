package org.jaynes.nn.tensor;

import java.util.Arrays;

/**
 * The single-threaded engine of {@link MatrixProduct}: D (+)= L·R over a block of rows and columns of D, where
 * each matrix is given by an array and two strides, so that one engine serves A·B, Aᵀ·B, A·Bᵀ and their
 * transposed results.
 *
 * <p>Every element is d_ij ← fma(l_ip, r_pj, d_ij) for p = 0, 1, …, k−1 in turn, starting from d_ij
 * (accumulate) or +0: one rounding per step, in a fixed order, whatever the blocking.
 *
 * <p>Algorithm: columns in panels of at most {@value #PANEL_WIDTH}, depth in blocks of at most
 * {@value #DEPTH_BLOCK}; each block of R is copied into {@link #panel}, one Java array per row, and each
 * group of four rows of D into {@link #tile}, also one array per row. The micro-kernel then runs four steps
 * of p for four rows at once over a whole panel row: every loaded element of R serves four rows, every
 * load and store of D carries four multiply-adds. Rows of D past the last group of four, columns past the
 * panel's width and steps past the last group of four are padded (zeros in L and the panel, −0 in the padded
 * panel rows, so that a padded step adds −0 and changes no value, ±0 included) and never stored.
 *
 * <p>Implementation note, all measured on JDK 17 (AVX-512): C2 vectorises the inner loop only when every
 * array in it is indexed by the loop variable alone (one array per row, at offset 0: a row-major panel indexed
 * {@code b + W + j} stays scalar), when its bound is a constant (hence the padding), when the arrays arrive
 * as parameters of a static method, and when no short remainder loop shares the compiled method (hence the
 * padded last group). Then the kernel runs at about 50 GFLOP/s per core, against 6 for the i-p-j loop.
 *
 * <p>Not thread-safe: each thread of a product owns one instance (the buffers).
 */
final class BlockedKernel {

    /** Columns of a panel; the tile and panel rows have this length. */
    static final int PANEL_WIDTH = 128;
    /** Steps of p per packed block: PANEL_WIDTH × DEPTH_BLOCK floats stay in the second-level cache. */
    static final int DEPTH_BLOCK = 128;
    /** Rows of D per micro-kernel call. */
    static final int ROWS = 4;

    private final float[][] panel = new float[DEPTH_BLOCK][PANEL_WIDTH];
    private final float[][] tile = new float[ROWS][PANEL_WIDTH];
    /** The last rows of L, zero-padded to four, when fewer than four remain. */
    private final float[] edge = new float[ROWS * DEPTH_BLOCK];
    /** L for the last, incomplete group of four steps of a block, zero-padded. */
    private final float[] tail = new float[ROWS * 4];

    /**
     * D[i][j] for i in [rowFrom, rowTo), j in [columnFrom, columnTo); L(i, p) = l[i·lRow + p·lColumn],
     * R(p, j) = r[p·rRow + j·rColumn], D(i, j) = d[i·dRow + j·dColumn].
     */
    void run(Strided left, Strided right, Strided result, int k, int rowFrom, int rowTo, int columnFrom,
             int columnTo, boolean accumulate) {
        if (k == 0) {
            if (!accumulate) {
                clear(result, rowFrom, rowTo, columnFrom, columnTo);
            }
            return;
        }
        for (int j0 = columnFrom; j0 < columnTo; j0 += PANEL_WIDTH) {
            int width = Math.min(PANEL_WIDTH, columnTo - j0);
            for (int p0 = 0; p0 < k; p0 += DEPTH_BLOCK) {
                int depth = Math.min(DEPTH_BLOCK, k - p0);
                pack(right, p0, depth, j0, width);
                boolean fresh = p0 == 0 && !accumulate;
                for (int i = rowFrom; i < rowTo; i += ROWS) {
                    int rows = Math.min(ROWS, rowTo - i);
                    loadTile(result, i, rows, j0, width, fresh);
                    if (rows == ROWS) {
                        fourRows(left.values(), i * left.row() + p0 * left.column(), left.row(), left.column(),
                                depth);
                    } else {
                        packEdge(left, i, rows, p0, depth);
                        fourRows(edge, 0, depth, 1, depth);
                    }
                    storeTile(result, i, rows, j0, width);
                }
            }
        }
    }

    private static void clear(Strided result, int rowFrom, int rowTo, int columnFrom, int columnTo) {
        float[] d = result.values();
        for (int i = rowFrom; i < rowTo; i++) {
            for (int j = columnFrom; j < columnTo; j++) {
                d[i * result.row() + j * result.column()] = 0f;
            }
        }
    }

    private void pack(Strided right, int p0, int depth, int j0, int width) {
        float[] r = right.values();
        int rRow = right.row();
        int rColumn = right.column();
        if (width < PANEL_WIDTH) {
            for (int p = 0; p < depth; p++) {
                Arrays.fill(panel[p], width, PANEL_WIDTH, 0f);
            }
        }
        for (int p = depth; p % 4 != 0; p++) {
            Arrays.fill(panel[p], -0f);
        }
        if (rColumn == 1) {
            for (int p = 0; p < depth; p++) {
                System.arraycopy(r, (p0 + p) * rRow + j0, panel[p], 0, width);
            }
            return;
        }
        // R stored transposed: each panel row gathers one element from each of `width` rows of the array,
        // which stay in the first-level cache over consecutive p
        for (int p = 0; p < depth; p++) {
            float[] row = panel[p];
            int from = (p0 + p) * rRow + j0 * rColumn;
            for (int j = 0; j < width; j++) {
                row[j] = r[from + j * rColumn];
            }
        }
    }

    private void packEdge(Strided left, int i, int rows, int p0, int depth) {
        float[] l = left.values();
        for (int q = 0; q < ROWS; q++) {
            int base = q * depth;
            if (q < rows) {
                int from = (i + q) * left.row() + p0 * left.column();
                for (int p = 0; p < depth; p++) {
                    edge[base + p] = l[from + p * left.column()];
                }
            } else {
                Arrays.fill(edge, base, base + depth, 0f);
            }
        }
    }

    private void loadTile(Strided result, int i, int rows, int j0, int width, boolean fresh) {
        float[] d = result.values();
        for (int q = 0; q < rows; q++) {
            float[] t = tile[q];
            if (fresh) {
                Arrays.fill(t, 0, width, 0f);
            } else if (result.column() == 1) {
                System.arraycopy(d, (i + q) * result.row() + j0, t, 0, width);
            } else {
                int from = (i + q) * result.row() + j0 * result.column();
                for (int j = 0; j < width; j++) {
                    t[j] = d[from + j * result.column()];
                }
            }
        }
    }

    private void storeTile(Strided result, int i, int rows, int j0, int width) {
        float[] d = result.values();
        for (int q = 0; q < rows; q++) {
            float[] t = tile[q];
            if (result.column() == 1) {
                System.arraycopy(t, 0, d, (i + q) * result.row() + j0, width);
            } else {
                int to = (i + q) * result.row() + j0 * result.column();
                for (int j = 0; j < width; j++) {
                    d[to + j * result.column()] = t[j];
                }
            }
        }
    }

    /**
     * Four rows of the tile from {@code depth} steps of the panel; L(q, p) = a[a0 + q·aRow + p·aColumn]. The
     * loops run over the whole panel width, a constant: C2 vectorises them only with a constant bound. Columns
     * past the packed width hold zeros and are never stored.
     */
    private void fourRows(float[] a, int a0, int aRow, int aColumn, int depth) {
        int whole = depth & -4;
        fourSteps(a, a0, aRow, aColumn, 0, whole, panel, tile[0], tile[1], tile[2], tile[3]);
        if (whole < depth) {
            // the last one to three steps as one group of four: +0 from L against −0 in the padded panel
            // rows adds −0, which leaves every value (±0 included) unchanged
            for (int q = 0; q < ROWS; q++) {
                for (int s = 0; s < 4; s++) {
                    tail[q * 4 + s] = whole + s < depth ? a[a0 + q * aRow + (whole + s) * aColumn] : 0f;
                }
            }
            fourSteps(tail, 0, 4, 1, whole, whole + 4, panel, tile[0], tile[1], tile[2], tile[3]);
        }
    }

    private static void fourSteps(float[] a, int a0, int aRow, int aColumn, int from, int to, float[][] panel,
                                  float[] c0, float[] c1, float[] c2, float[] c3) {
        for (int p = from; p < to; p += 4) {
            int x = a0 + (p - from) * aColumn;
            int y = x + aRow;
            int z = y + aRow;
            int u = z + aRow;
            float x0 = a[x];
            float x1 = a[x + aColumn];
            float x2 = a[x + 2 * aColumn];
            float x3 = a[x + 3 * aColumn];
            float y0 = a[y];
            float y1 = a[y + aColumn];
            float y2 = a[y + 2 * aColumn];
            float y3 = a[y + 3 * aColumn];
            float z0 = a[z];
            float z1 = a[z + aColumn];
            float z2 = a[z + 2 * aColumn];
            float z3 = a[z + 3 * aColumn];
            float u0 = a[u];
            float u1 = a[u + aColumn];
            float u2 = a[u + 2 * aColumn];
            float u3 = a[u + 3 * aColumn];
            float[] b0 = panel[p];
            float[] b1 = panel[p + 1];
            float[] b2 = panel[p + 2];
            float[] b3 = panel[p + 3];
            for (int j = 0; j < PANEL_WIDTH; j++) {
                float q0 = b0[j];
                float q1 = b1[j];
                float q2 = b2[j];
                float q3 = b3[j];
                c0[j] = Math.fma(x3, q3, Math.fma(x2, q2, Math.fma(x1, q1, Math.fma(x0, q0, c0[j]))));
                c1[j] = Math.fma(y3, q3, Math.fma(y2, q2, Math.fma(y1, q1, Math.fma(y0, q0, c1[j]))));
                c2[j] = Math.fma(z3, q3, Math.fma(z2, q2, Math.fma(z1, q1, Math.fma(z0, q0, c2[j]))));
                c3[j] = Math.fma(u3, q3, Math.fma(u2, q2, Math.fma(u1, q1, Math.fma(u0, q0, c3[j]))));
            }
        }
    }
}
