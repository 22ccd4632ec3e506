package org.jaynes.core.stats;

import java.util.Locale;

/**
 * A scale c that μ is reported relative to: μ − ln c is the mean of ln(|w|/c). Scaling w by any
 * constant shifts μ by its logarithm and leaves σ unchanged (docs/theory.md §2.7), so σ never depends on
 * the normalisation. All scales are over the non-zero finite values.
 */
public enum Normalization {
    /** c = 1: μ in the units of w. */
    NONE,
    /** c = √(mean w²). */
    RMS,
    /** c = max |w|. */
    MAX,
    /** c = median |w|, to within half a cell of ≤ 2^-17 in ln|w| (exact for 8- and 16-bit values). */
    MEDIAN;

    /** The scale c of a population. */
    public double scale(FitInput input) {
        return switch (this) {
            case NONE -> 1;
            case RMS -> Math.sqrt(input.meanSquare());
            case MAX -> input.maxAbs();
            case MEDIAN -> Math.exp(lnMedian(input.cells(), input.n()));
        };
    }

    /** μ − ln c. */
    public double normalizedMu(FitInput input) {
        return input.meanLog() - Math.log(scale(input));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The median of |w| as numpy computes it (the mean of the two middle values when n is even), in ln:
     * each middle value is located by the cell holding its rank, exactly for exact cells and at the cell's
     * midpoint otherwise, within half a cell (2^-18 relative).
     */
    static double lnMedian(ValueCells cells, long n) {
        if (n == 0) {
            return Double.NaN;
        }
        long lowRank = (n - 1) / 2;
        long highRank = n / 2;
        double[] middle = {Double.NaN, Double.NaN};
        long[] before = {0};
        cells.forEachCell((low, high, count) -> {
            long end = before[0] + count;
            double centre = (low + high) / 2;
            if (Double.isNaN(middle[0]) && lowRank < end) {
                middle[0] = centre;
            }
            if (Double.isNaN(middle[1]) && highRank < end) {
                middle[1] = centre;
            }
            before[0] = end;
        });
        return middle[0] == middle[1] ? middle[0] : Math.log((Math.exp(middle[0]) + Math.exp(middle[1])) / 2);
    }
}
