package org.jaynes.core.stats;

import java.util.Locale;

/**
 * A scale c that μ is reported relative to: μ − ln c is the mean of ln(|w|/c). Scaling w by any
 * constant shifts μ by its logarithm and leaves σ unchanged (THEORY.md §2), so σ never depends on
 * the normalisation. All scales are over the non-zero finite values.
 */
public enum Normalization {
    /** c = 1: μ in the units of w. */
    NONE,
    /** c = √(mean w²). */
    RMS,
    /** c = max |w|. */
    MAX,
    /** c = median |w|, interpolated within a cell of ≤ 2^-17 in ln|w| (exact for 8- and 16-bit values). */
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
     * The median of ln|w|: for exact values ln of the mean of the two middle |w| when n is even, as
     * numpy's median; for histogram cells interpolated linearly inside the cell that holds it.
     */
    static double lnMedian(ValueCells cells, long n) {
        if (n == 0) {
            return Double.NaN;
        }
        double target = 0.5 * n;
        double[] found = {Double.NaN, Double.NaN};
        long[] before = {0};
        long lowRank = (n - 1) / 2;
        long highRank = n / 2;
        cells.forEachCell((low, high, count) -> {
            long start = before[0];
            long end = start + count;
            if (low == high) {
                if (Double.isNaN(found[0]) && lowRank < end) {
                    found[0] = low;
                }
                if (Double.isNaN(found[1]) && highRank < end) {
                    found[1] = low;
                }
            } else if (Double.isNaN(found[0]) && target <= end) {
                double t = (target - start) / count;
                found[0] = low + t * (high - low);
                found[1] = found[0];
            }
            before[0] = end;
        });
        return found[0] == found[1] ? found[0] : Math.log((Math.exp(found[0]) + Math.exp(found[1])) / 2);
    }
}
