package org.jaynes.core.theory;

import java.io.Serializable;
import org.jaynes.core.Checks;
import org.jaynes.core.stats.CellColumns;
import org.jaynes.core.stats.ValueCells;

/**
 * A population's magnitudes in K bins spanning [min |w|, max |w|], equal in ln w or in w: the
 * histogram of the paper's figures and the bins of the connection game. Built from the fine cells of
 * the population: each cell goes to the bin holding its midpoint, so a value lands in a neighbouring bin
 * only when it lies within one fine cell (≤ 2^-17 in ln|w|) of a bin edge.
 *
 * @param convention how the bins are spaced
 * @param lnEdges    the K + 1 bin edges, in ln w, ascending
 * @param counts     values per bin
 * @param total      values over all bins
 */
public record MagnitudeBins(BinConvention convention, double[] lnEdges, long[] counts, long total)
        implements Serializable {

    /**
     * Bins the cells of a population with {@code n} non-zero values between {@code minAbs} and {@code maxAbs}.
     *
     * @param binCount K, at least 1
     */
    public static MagnitudeBins of(ValueCells cells, BinConvention convention, int binCount, double minAbs,
                                   double maxAbs) {
        Checks.atLeast("bin count", binCount, 1);
        double[] edges = lnEdges(convention, binCount, minAbs, maxAbs);
        long[] counts = new long[binCount];
        long total = 0;
        double lnMin = edges[0];
        double span = edges[binCount] - lnMin;
        CellColumns columns = cells.magnitudeArrays();
        double[] lows = columns.low();
        double[] highs = columns.high();
        long[] cellCounts = columns.count();
        for (int i = 0; i < columns.size(); i++) {
            double mid = (lows[i] + highs[i]) / 2;
            int k;
            if (convention == BinConvention.LOG) {
                k = span > 0 ? (int) Math.floor((mid - lnMin) / span * binCount) : 0;
            } else {
                double width = maxAbs - minAbs;
                k = width > 0 ? (int) Math.floor((Math.exp(mid) - minAbs) / width * binCount) : 0;
            }
            counts[Math.max(0, Math.min(binCount - 1, k))] += cellCounts[i];
            total += cellCounts[i];
        }
        return new MagnitudeBins(convention, edges, counts, total);
    }

    /** The K + 1 edges, in ln w, of K bins between {@code minAbs} and {@code maxAbs}. */
    public static double[] lnEdges(BinConvention convention, int binCount, double minAbs, double maxAbs) {
        double[] edges = new double[binCount + 1];
        for (int k = 0; k <= binCount; k++) {
            double t = (double) k / binCount;
            edges[k] = convention == BinConvention.LOG
                    ? Math.log(minAbs) + t * (Math.log(maxAbs) - Math.log(minAbs))
                    : Math.log(minAbs + t * (maxAbs - minAbs));
        }
        edges[0] = Math.log(minAbs);
        edges[binCount] = Math.log(maxAbs);
        return edges;
    }

    public int size() {
        return counts.length;
    }

    /** The representative ln w of bin k: its centre in ln w, or ln of its centre in w. */
    public double lnCentre(int k) {
        return convention == BinConvention.LOG
                ? (lnEdges[k] + lnEdges[k + 1]) / 2
                : Math.log((Math.exp(lnEdges[k]) + Math.exp(lnEdges[k + 1])) / 2);
    }

    /** The share x_k = M_k / M of bin k. */
    public double share(int k) {
        return total == 0 ? Double.NaN : (double) counts[k] / total;
    }
}
