package org.jaynes.core.stats;

/**
 * The Kolmogorov–Smirnov distance sup |F_n − F| between the empirical distribution of ln|w| and a
 * fitted normal N(μ, σ) (equivalently, of |w| and the lognormal), with a bound on its error.
 *
 * @param value      the distance, the middle of the interval the cells allow
 * @param errorBound |value − true distance| ≤ errorBound; 0 when computed from exact values
 */
public record KsDistance(double value, double errorBound) {

    /**
     * Computes the distance from cells in ascending order. For a cell [a, b) holding the values between
     * cumulative counts C0 and C1 of n, the largest deviation inside the cell lies between
     * max(C1/n − Φ(b), Φ(a) − C0/n) and max(C1/n − Φ(a), Φ(b) − C0/n); the two bounds meet for exact
     * values (a = b) and differ by at most Φ(b) − Φ(a) ≤ (b − a)/(σ√(2π)) otherwise. Cost: two Φ per cell.
     *
     * @param n the number of values in the cells
     */
    public static KsDistance toNormal(ValueCells cells, long n, double mu, double sigma) {
        if (n == 0 || !(sigma > 0)) {
            return new KsDistance(Double.NaN, 0);
        }
        double[] bounds = {0, 0};
        long[] cumulative = {0};
        double total = n;
        cells.forEachCell((lnLow, lnHigh, count) -> {
            double before = cumulative[0] / total;
            cumulative[0] += count;
            double after = cumulative[0] / total;
            double cdfLow = StandardNormal.cdf((lnLow - mu) / sigma);
            double cdfHigh = lnHigh == lnLow ? cdfLow : StandardNormal.cdf((lnHigh - mu) / sigma);
            bounds[0] = Math.max(bounds[0], Math.max(after - cdfHigh, cdfLow - before));
            bounds[1] = Math.max(bounds[1], Math.max(after - cdfLow, cdfHigh - before));
        });
        return new KsDistance((bounds[0] + bounds[1]) / 2, (bounds[1] - bounds[0]) / 2);
    }
}
