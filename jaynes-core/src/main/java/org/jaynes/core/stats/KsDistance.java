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
        return screened(cells.magnitudeArrays(), n, x -> StandardNormal.cdf((x - mu) / sigma));
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
     * can raise neither bound {@link #of} reports, so it stands in for its cells. Cost: two passes over the
     * cells, two evaluations of F per run and per cell of a candidate run.
     */
    public static KsDistance screened(Consumer<ValueCells.CellConsumer> cells, long n, DoubleUnaryOperator cdf) {
        return screened(CellArrays.copyOf(cells), n, cdf);
    }

    /** {@link #screened(Consumer, long, DoubleUnaryOperator)} over cells held in arrays. */
    public static KsDistance screened(CellColumns cells, long n, DoubleUnaryOperator cdf) {
        if (n == 0) {
            return new KsDistance(Double.NaN, 0);
        }
        double[] low = cells.low();
        double[] high = cells.high();
        long[] count = cells.count();
        int runs = (cells.size() + RUN - 1) / RUN;
        long[] runCount = new long[runs];
        double total = n;
        double lowerBound = 0;
        double[] upper = new double[runs];
        long cumulative = 0;
        for (int r = 0; r < runs; r++) {
            int first = r * RUN;
            int last = Math.min(cells.size(), first + RUN) - 1;
            for (int i = first; i <= last; i++) {
                runCount[r] += count[i];
            }
            double before = cumulative / total;
            cumulative += runCount[r];
            double after = cumulative / total;
            double cdfLow = cdf.applyAsDouble(low[first]);
            double cdfHigh = high[last] == low[first] ? cdfLow : cdf.applyAsDouble(high[last]);
            lowerBound = Math.max(lowerBound, Math.max(after - cdfHigh, cdfLow - before));
            upper[r] = Math.max(after - cdfLow, cdfHigh - before);
        }
        Bounds bounds = new Bounds(cdf, n);
        long counted = 0;
        // A NaN bound (F undefined somewhere) screens nothing out: every cell is visited.
        double threshold = Double.isNaN(lowerBound) ? Double.NEGATIVE_INFINITY : lowerBound - MARGIN;
        for (int r = 0; r < runs; r++) {
            int first = r * RUN;
            int last = Math.min(cells.size(), first + RUN) - 1;
            if (!(upper[r] < threshold)) {
                for (int i = first; i <= last; i++) {
                    bounds.add(low[i], high[i], counted, counted + count[i]);
                    counted += count[i];
                }
            } else {
                bounds.add(low[first], high[last], counted, counted + runCount[r]);
                counted += runCount[r];
            }
        }
        return bounds.distance();
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
