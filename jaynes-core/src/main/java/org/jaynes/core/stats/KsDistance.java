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
        return of(cells::forEachCell, n, x -> StandardNormal.cdf((x - mu) / sigma));
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
