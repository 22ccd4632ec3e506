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

    /**
     * The distance of ln|w| from N(μ, σ), equivalently of |w| from the lognormal LN(μ, σ): over the arrays
     * that hold the cells when there are such, else over two walks, so that a histogram's cells are not copied.
     */
    public static KsDistance toNormal(ValueCells cells, long n, double mu, double sigma) {
        if (!(sigma > 0)) {
            return new KsDistance(Double.NaN, 0);
        }
        DoubleUnaryOperator cdf = x -> StandardNormal.cdf((x - mu) / sigma);
        java.util.Optional<CellColumns> columns = cells.magnitudeColumns();
        return columns.isPresent() ? screened(columns.get(), n, cdf) : screened(cells::forEachCell, n, cdf);
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
     * cells, two evaluations of F per run and per cell of a candidate run; memory: the runs, a
     * {@value #RUN}th of the cells.
     */
    public static KsDistance screened(Consumer<ValueCells.CellConsumer> cells, long n, DoubleUnaryOperator cdf) {
        if (n == 0) {
            return new KsDistance(Double.NaN, 0);
        }
        Runs runs = new Runs(RUN);
        cells.accept(runs);
        double threshold = runs.screen(cdf, n);
        Bounds bounds = new Bounds(cdf, n);
        cells.accept(new ValueCells.CellConsumer() {
            private int index;
            private long counted;

            @Override
            public void accept(double low, double high, long count) {
                int r = index++ / RUN;
                if (!(runs.upper[r] < threshold)) {
                    bounds.add(low, high, counted, counted + count);
                    counted += count;
                } else if (index % RUN == 0 || index == runs.cells) {
                    bounds.add(runs.low[r], runs.high[r], counted, counted + runs.count[r]);
                    counted += runs.count[r];
                }
            }
        });
        return bounds.distance();
    }

    /** {@link #screened(Consumer, long, DoubleUnaryOperator)} over cells held in arrays. */
    public static KsDistance screened(CellColumns cells, long n, DoubleUnaryOperator cdf) {
        if (n == 0) {
            return new KsDistance(Double.NaN, 0);
        }
        double[] low = cells.low();
        double[] high = cells.high();
        long[] count = cells.count();
        Runs runs = new Runs(cells.size() / RUN + 1);
        for (int i = 0; i < cells.size(); i++) {
            runs.accept(low[i], high[i], count[i]);
        }
        double threshold = runs.screen(cdf, n);
        Bounds bounds = new Bounds(cdf, n);
        long counted = 0;
        for (int r = 0; r < runs.size; r++) {
            if (!(runs.upper[r] < threshold)) {
                for (int i = r * RUN, end = Math.min(cells.size(), i + RUN); i < end; i++) {
                    bounds.add(low[i], high[i], counted, counted + count[i]);
                    counted += count[i];
                }
            } else {
                bounds.add(runs.low[r], runs.high[r], counted, counted + runs.count[r]);
                counted += runs.count[r];
            }
        }
        return bounds.distance();
    }

    /** The cells grouped in runs of {@value #RUN}: each run's first low, last high and total count. */
    private static final class Runs implements ValueCells.CellConsumer {
        /** Each run as one cell, merged as its cells come. */
        private final CellArrays merged;
        /** After {@link #screen}: the runs' first lows, last highs and counts, and their number. */
        private double[] low;
        private double[] high;
        private long[] count;
        private int size;
        /** Per run, after {@link #screen}: the upper bound of |F_n − F| inside it. */
        private double[] upper;
        private int cells;

        Runs(int capacity) {
            merged = new CellArrays(capacity);
        }

        @Override
        public void accept(double cellLow, double cellHigh, long cellCount) {
            if (cells++ % RUN == 0) {
                merged.accept(cellLow, cellHigh, cellCount);
            } else {
                merged.extendLast(cellHigh, cellCount);
            }
        }

        /**
         * Sets each run's {@link #upper} bound and returns the threshold below which a run cannot hold the
         * supremum: the largest lower bound L less the rounding margin; −∞ when F gave NaN, which screens
         * nothing out.
         */
        double screen(DoubleUnaryOperator cdf, long n) {
            CellColumns runs = merged.columns();
            low = runs.low();
            high = runs.high();
            count = runs.count();
            size = runs.size();
            double total = n;
            double lowerBound = 0;
            upper = new double[size];
            long cumulative = 0;
            for (int r = 0; r < size; r++) {
                double before = cumulative / total;
                cumulative += count[r];
                double after = cumulative / total;
                double cdfLow = cdf.applyAsDouble(low[r]);
                double cdfHigh = high[r] == low[r] ? cdfLow : cdf.applyAsDouble(high[r]);
                lowerBound = Math.max(lowerBound, Math.max(after - cdfHigh, cdfLow - before));
                upper[r] = Math.max(after - cdfLow, cdfHigh - before);
            }
            return Double.isNaN(lowerBound) ? Double.NEGATIVE_INFINITY : lowerBound - MARGIN;
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
        Bounds bounds = new Bounds(cdf, n);
        long[] counted = {0};
        cells.accept((low, high, count) -> {
            bounds.add(low, high, counted[0], counted[0] + count);
            counted[0] += count;
        });
        return bounds.distance();
    }

    /**
     * The two bounds of {@link #of}, accumulated over cells in ascending order, each given with the
     * cumulative counts before and after it: what {@link #of}, {@link #screened} and the screens of several
     * laws at once share.
     */
    public static final class Bounds {
        private final DoubleUnaryOperator cdf;
        private final double total;
        private double lower;
        private double upper;

        /** Bounds against {@code cdf} for {@code n} values. */
        public Bounds(DoubleUnaryOperator cdf, long n) {
            this.cdf = cdf;
            this.total = n;
        }

        /** Adds the cell [low, high], which holds the values from cumulative count countBefore to countAfter. */
        public void add(double low, double high, long countBefore, long countAfter) {
            double before = countBefore / total;
            double after = countAfter / total;
            double cdfLow = cdf.applyAsDouble(low);
            double cdfHigh = high == low ? cdfLow : cdf.applyAsDouble(high);
            lower = Math.max(lower, Math.max(after - cdfHigh, cdfLow - before));
            upper = Math.max(upper, Math.max(after - cdfLow, cdfHigh - before));
        }

        /** The distance, the middle of the two bounds, and half their gap as its error bound. */
        public KsDistance distance() {
            return new KsDistance((lower + upper) / 2, (upper - lower) / 2);
        }
    }
}
