package org.jaynes.core.stats;

import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;

/**
 * The Kolmogorov–Smirnov distance sup |F_n − F| between an empirical distribution given as cells and a
 * fitted law F, with a bound on its error.
 *
 * @param value      the distance, the middle of the interval the cells allow
 * @param errorBound |value − true distance| ≤ errorBound; 0 when computed from exact values
 */
public record KsDistance(double value, double errorBound) {

    /** The distance of ln|w| from N(μ, σ), equivalently of |w| from the lognormal LN(μ, σ). */
    public static KsDistance toNormal(ValueCells cells, long n, double mu, double sigma) {
        if (!(sigma > 0)) {
            return new KsDistance(Double.NaN, 0);
        }
        return screened(cells::forEachCell, n, x -> StandardNormal.cdf((x - mu) / sigma));
    }

    /** Cells per run in {@link #screened}. */
    static final int RUN = 64;
    /** Rounding in F that a screen allows for. */
    private static final double MARGIN = 1e-9;

    /**
     * The same distance and bound as {@link #of}, with F evaluated at the ends of runs of {@value #RUN}
     * cells and inside only the runs that may hold the supremum. For a run [a, b] holding cumulative
     * counts C₀ to C₁, |F_n − F| inside it is at least max(C₁/n − F(b), F(a) − C₀/n) and at most
     * max(C₁/n − F(a), F(b) − C₀/n); a run whose upper bound is below the largest lower bound L of any run
     * can raise neither bound {@link #of} reports, so it stands in for its cells. Cost: two walks over the
     * cells, two evaluations of F per run and per cell of a candidate run.
     */
    public static KsDistance screened(Consumer<ValueCells.CellConsumer> cells, long n, DoubleUnaryOperator cdf) {
        if (n == 0) {
            return new KsDistance(Double.NaN, 0);
        }
        Runs runs = new Runs();
        cells.accept(runs);
        double total = n;
        double lowerBound = 0;
        double[] upper = new double[runs.size];
        long cumulative = 0;
        for (int r = 0; r < runs.size; r++) {
            double before = cumulative / total;
            cumulative += runs.count[r];
            double after = cumulative / total;
            double cdfLow = cdf.applyAsDouble(runs.low[r]);
            double cdfHigh = runs.high[r] == runs.low[r] ? cdfLow : cdf.applyAsDouble(runs.high[r]);
            lowerBound = Math.max(lowerBound, Math.max(after - cdfHigh, cdfLow - before));
            upper[r] = Math.max(after - cdfLow, cdfHigh - before);
        }
        if (Double.isNaN(lowerBound)) {
            return of(cells, n, cdf);
        }
        double threshold = lowerBound - MARGIN;
        return of(consumer -> cells.accept(new ValueCells.CellConsumer() {
            private int index;

            @Override
            public void accept(double low, double high, long count) {
                int r = index++ / RUN;
                if (!(upper[r] < threshold)) {
                    consumer.accept(low, high, count);
                } else if (index % RUN == 0 || index == runs.cells) {
                    consumer.accept(runs.low[r], runs.high[r], runs.count[r]);
                }
            }
        }), n, cdf);
    }

    /** The cells grouped in runs of {@value #RUN}: each run's first low, last high and total count. */
    private static final class Runs implements ValueCells.CellConsumer {
        private double[] low = new double[64];
        private double[] high = new double[64];
        private long[] count = new long[64];
        private int size;
        private int cells;

        @Override
        public void accept(double cellLow, double cellHigh, long cellCount) {
            if (cells % RUN == 0) {
                if (size == low.length) {
                    low = java.util.Arrays.copyOf(low, 2 * size);
                    high = java.util.Arrays.copyOf(high, 2 * size);
                    count = java.util.Arrays.copyOf(count, 2 * size);
                }
                low[size] = cellLow;
                size++;
            }
            high[size - 1] = cellHigh;
            count[size - 1] += cellCount;
            cells++;
        }
    }

    /**
     * Computes the distance from cells in ascending order. For a cell [a, b) holding the values between
     * cumulative counts C0 and C1 of n, the largest deviation inside the cell lies between
     * max(C1/n − F(b), F(a) − C0/n) and max(C1/n − F(a), F(b) − C0/n); the two bounds meet for exact
     * values (a = b) and differ by at most F(b) − F(a) otherwise. Cost: two evaluations of F per cell.
     *
     * @param cells iterates the cells, in the same variable as {@code cdf}
     * @param n     the number of values in the cells
     * @param cdf   the fitted cumulative distribution
     */
    public static KsDistance of(Consumer<ValueCells.CellConsumer> cells, long n, DoubleUnaryOperator cdf) {
        if (n == 0) {
            return new KsDistance(Double.NaN, 0);
        }
        double[] bounds = {0, 0};
        long[] cumulative = {0};
        double total = n;
        cells.accept((low, high, count) -> {
            double before = cumulative[0] / total;
            cumulative[0] += count;
            double after = cumulative[0] / total;
            double cdfLow = cdf.applyAsDouble(low);
            double cdfHigh = high == low ? cdfLow : cdf.applyAsDouble(high);
            bounds[0] = Math.max(bounds[0], Math.max(after - cdfHigh, cdfLow - before));
            bounds[1] = Math.max(bounds[1], Math.max(after - cdfLow, cdfHigh - before));
        });
        return new KsDistance((bounds[0] + bounds[1]) / 2, (bounds[1] - bounds[0]) / 2);
    }
}
