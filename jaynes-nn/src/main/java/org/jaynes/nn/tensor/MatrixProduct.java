package org.jaynes.nn.tensor;

import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import org.jaynes.core.Checks;

/**
 * The products C (+)= A·B, Aᵀ·B and A·Bᵀ of row-major {@code float} matrices (C m×n, depth k), blocked and
 * spread over a fixed pool of threads.
 *
 * <pre>{@code
 * try (MatrixProduct product = MatrixProduct.withThreads(2)) {
 *     product.multiply(a, b, c, m, k, n, false);            // C = A·B, A m×k, B k×n
 *     product.multiplyTransposeB(x, w, y, rows, in, out, true); // Y += X·Wᵀ, W out×in as nn.Linear stores it
 * }
 * }</pre>
 *
 * <p>Every element is the chain c_ij ← fma(a_ip, b_pj, c_ij) for p = 0, 1, …, k−1 in turn, starting from
 * c_ij (accumulate) or +0: one rounding per step ({@link Math#fma}), in an order fixed by the definition alone.
 * Each element is computed by one thread, so the result is bit for bit the same on one thread as on many,
 * for any blocking, and the same for the three variants (A·Bᵀ equals A·B with B transposed beforehand).
 * This is not the rounding of the naive loop {@code s += a * b}, which rounds twice per step.
 *
 * <p>Algorithm ({@link BlockedKernel}): panels of B copied into per-thread buffers, four rows of C at a time
 * from four steps of p. Threads take contiguous ranges of columns (rows when C is narrow). A·Bᵀ is computed
 * as the transposed product Cᵀ = B·Aᵀ when that wastes less work on padding (C has few columns).
 * Measured with {@code MatrixProductBenchmark} in jaynes-bench. Cost 2mkn flops; no allocation per call.
 *
 * <p>Not thread-safe: one product at a time per instance (calls are serialised). {@link #close} stops the
 * pool.
 */
public final class MatrixProduct implements AutoCloseable {

    /**
     * Below this many multiply-adds a product runs on the calling thread: 2^20 take about 40 µs at 50 GFLOP/s,
     * so that waking the pool's threads is a small part of a product that uses them.
     */
    private static final long PARALLEL_THRESHOLD = 1L << 20;
    /** Columns per thread at least, else threads split rows. */
    private static final int MIN_COLUMNS = 64;
    /** Column ranges start at multiples of this, a whole number of vectors. */
    private static final int COLUMN_ALIGNMENT = 16;

    private final int threads;
    private final ForkJoinPool pool;
    private final Range[] ranges;
    private final Split split = new Split();
    private final Strided left = new Strided();
    private final Strided right = new Strided();
    private final Strided result = new Strided();

    private int depth;
    private boolean accumulate;

    private MatrixProduct(int threads) {
        Checks.atLeast("threads", threads, 1);
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            worker.setDaemon(true);
            worker.setName("jaynes-matmul-" + worker.getPoolIndex());
            return worker;
        }, null, false);
        this.ranges = new Range[threads];
        for (int t = 0; t < threads; t++) {
            ranges[t] = new Range();
        }
    }

    /** A product on {@code threads} threads (1: the calling thread only). */
    public static MatrixProduct withThreads(int threads) {
        return new MatrixProduct(threads);
    }

    /** A product on as many threads as there are processors. */
    public static MatrixProduct parallel() {
        return new MatrixProduct(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /**
     * C = A·B, or C += A·B when {@code accumulate}; A m×k, B k×n.
     *
     * @throws IllegalArgumentException when an array is shorter than its matrix
     */
    public synchronized void multiply(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        check("%d×%d · %d×%d", a, b, c, m, k, n);
        run(left.set(a, k, 1), right.set(b, n, 1), result.set(c, n, 1), m, k, n, accumulate);
    }

    /**
     * C = Aᵀ·B, or C += Aᵀ·B when {@code accumulate}; A stored k×m, B k×n. Dense layers use it for
     * dL/dW = (dL/dy)ᵀ x.
     *
     * @throws IllegalArgumentException when an array is shorter than its matrix
     */
    public synchronized void multiplyTransposeA(float[] a, float[] b, float[] c, int m, int k, int n,
                                                boolean accumulate) {
        check("(%2$d×%1$d)ᵀ · %3$d×%4$d", a, b, c, m, k, n);
        run(left.set(a, 1, m), right.set(b, n, 1), result.set(c, n, 1), m, k, n, accumulate);
    }

    /**
     * C = A·Bᵀ, or C += A·Bᵀ when {@code accumulate}; A m×k, B stored n×k. Dense layers use it for
     * y = x Wᵀ + b.
     *
     * @throws IllegalArgumentException when an array is shorter than its matrix
     */
    public synchronized void multiplyTransposeB(float[] a, float[] b, float[] c, int m, int k, int n,
                                                boolean accumulate) {
        check("%d×%d · (%4$d×%3$d)ᵀ", a, b, c, m, k, n);
        if (paddedWork(n, m) < paddedWork(m, n)) {
            // Cᵀ = B·Aᵀ: fewer padded rows and columns
            run(left.set(b, k, 1), right.set(a, 1, k), result.set(c, 1, n), n, k, m, accumulate);
        } else {
            run(left.set(a, k, 1), right.set(b, 1, k), result.set(c, n, 1), m, k, n, accumulate);
        }
    }

    /** Multiply-adds per step of p of a result rows×columns, padded to whole row groups and panels. */
    private static long paddedWork(int rows, int columns) {
        int w = BlockedKernel.PANEL_WIDTH;
        int r = BlockedKernel.ROWS;
        return (long) ((rows + r - 1) / r * r) * ((columns + w - 1) / w * w);
    }

    private static void check(String shapes, float[] a, float[] b, float[] c, int m, int k, int n) {
        if (m < 0 || k < 0 || n < 0 || a.length < (long) m * k || b.length < (long) k * n
                || c.length < (long) m * n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "matrices too small for " + shapes
                    + ": A has %5$d, B %6$d, C %7$d elements", m, k, k, n, a.length, b.length, c.length));
        }
    }

    /** D (m×n) (+)= L·R through the strided views, split over the pool. */
    private void run(Strided l, Strided r, Strided d, int m, int k, int n, boolean accumulate) {
        long work = (long) m * k * n;
        int parts = pool == null || work < PARALLEL_THRESHOLD ? 1 : threads;
        boolean byColumns = n >= parts * MIN_COLUMNS;
        if (!byColumns) {
            parts = Math.max(1, Math.min(parts, m / BlockedKernel.ROWS));
        }
        if (parts == 1) {
            ranges[0].kernel.run(l, r, d, k, 0, m, 0, n, accumulate);
            return;
        }
        this.depth = k;
        this.accumulate = accumulate;
        for (int t = 0; t < parts; t++) {
            Range range = ranges[t];
            if (byColumns) {
                range.set(0, m, boundary(n, t, parts, COLUMN_ALIGNMENT), boundary(n, t + 1, parts, COLUMN_ALIGNMENT));
            } else {
                range.set(boundary(m, t, parts, BlockedKernel.ROWS), boundary(m, t + 1, parts, BlockedKernel.ROWS),
                        0, n);
            }
        }
        split.parts = parts;
        split.reinitialize();
        pool.invoke(split);
    }

    /** The start of part {@code t} of {@code parts} over [0, size), a multiple of {@code unit} or size. */
    private static int boundary(int size, int t, int parts, int unit) {
        if (t == parts) {
            return size;
        }
        int units = (size + unit - 1) / unit;
        return Math.min(size, (int) ((long) units * t / parts) * unit);
    }

    /** dst (cols×rows) = srcᵀ, src rows×cols row-major. */
    public static void transpose(float[] src, int rows, int cols, float[] dst) {
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int q0 = 0; q0 < cols; q0 += tile) {
                int q1 = Math.min(cols, q0 + tile);
                for (int r = r0; r < r1; r++) {
                    for (int q = q0; q < q1; q++) {
                        dst[q * rows + r] = src[r * cols + q];
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    private final class Split extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        int parts;

        @Override
        protected void compute() {
            for (int t = 1; t < parts; t++) {
                ranges[t].fork();
            }
            ranges[0].compute();
            for (int t = parts - 1; t >= 1; t--) {
                ranges[t].join();
            }
        }
    }

    /** One thread's block of the result, with that thread's buffers. */
    private final class Range extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        final transient BlockedKernel kernel = new BlockedKernel();
        int rowFrom;
        int rowTo;
        int columnFrom;
        int columnTo;

        void set(int rowFrom, int rowTo, int columnFrom, int columnTo) {
            this.rowFrom = rowFrom;
            this.rowTo = rowTo;
            this.columnFrom = columnFrom;
            this.columnTo = columnTo;
            reinitialize();
        }

        @Override
        protected void compute() {
            kernel.run(left, right, result, depth, rowFrom, rowTo, columnFrom, columnTo, accumulate);
        }
    }
}
