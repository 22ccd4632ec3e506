package org.jaynes.dynamics.run;

import java.util.Arrays;
import org.jaynes.core.stats.ValueCells;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.state.Apportionment;

/**
 * A population of weights (a layer read from a model) put on a game's grid: the count of |w| falling in
 * each bin's cell ({@link Bins#cellEdges}), to start the game from the layer.
 *
 * <p>Algorithm: each cell of ln|w| ({@link ValueCells#forEachCell}) spreads its count over the bin cells it
 * overlaps, in proportion to the overlap in ln w (values taken as uniform in ln w within a cell); a cell of
 * one exact value goes whole to the bin cell holding it. What falls outside the grid's range is counted
 * in {@link #outside} and left out, as the Gaussian start truncates its law to the grid. Cost
 * O(cells · log K + K); exact up to the cells' widths.
 *
 * @param counts  values per bin (fractional where a cell straddles two bins), K of them
 * @param outside values beyond the grid's outer cell edges
 */
public record BinnedPopulation(double[] counts, double outside) {

    public BinnedPopulation {
        counts = counts.clone();
    }

    /** The cells of a population on the bins of a game. */
    public static BinnedPopulation of(ValueCells cells, Bins bins) {
        double[] edges = bins.cellEdges();
        double[] lnEdges = new double[edges.length];
        for (int k = 0; k < edges.length; k++) {
            lnEdges[k] = StrictMath.log(edges[k]); // −∞ for a linear grid's first edge at 0
        }
        double[] counts = new double[bins.size()];
        double[] outside = {0};
        cells.forEachCell((low, high, count) -> {
            if (!(high > low)) {
                int k = cellOf(lnEdges, low);
                if (k < 0) {
                    outside[0] += count;
                } else {
                    counts[k] += count;
                }
                return;
            }
            double inside = 0;
            int first = Math.max(0, cellOf(lnEdges, Math.max(low, lnEdges[0])));
            for (int k = first; k < counts.length && lnEdges[k] < high; k++) {
                double overlap = Math.min(high, lnEdges[k + 1]) - Math.max(low, lnEdges[k]);
                if (overlap > 0) {
                    double part = count * (overlap / (high - low));
                    counts[k] += part;
                    inside += part;
                }
            }
            outside[0] += Math.max(0, count - inside);
        });
        return new BinnedPopulation(counts, outside[0]);
    }

    /** The index k with lnEdges[k] ≤ x < lnEdges[k + 1], or −1 outside. */
    private static int cellOf(double[] lnEdges, double x) {
        if (!(x >= lnEdges[0] && x < lnEdges[lnEdges.length - 1])) {
            return -1;
        }
        int at = Arrays.binarySearch(lnEdges, x);
        return at >= 0 ? Math.min(at, lnEdges.length - 2) : -at - 2;
    }

    /** The values on the grid. */
    public double inside() {
        return Arrays.stream(counts).sum();
    }

    /** The share of all values that lies outside the grid. */
    public double outsideShare() {
        double total = inside() + outside;
        return total > 0 ? outside / total : 0;
    }

    /**
     * M agents in proportion to the counts, whole numbers adding up to M exactly (largest remainder,
     * {@link Apportionment}), as a starting state.
     *
     * @throws IllegalArgumentException if no value lies on the grid
     */
    public StartingState start(long agents) {
        if (!(inside() > 0)) {
            throw new IllegalArgumentException("none of the layer's values lies on the grid");
        }
        long[] placed = Apportionment.of(counts, agents);
        return new StartingState.Given(Arrays.stream(placed).asDoubleStream().toArray());
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinnedPopulation b && Arrays.equals(b.counts, counts)
                && Double.compare(b.outside, outside) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(counts) + Double.hashCode(outside);
    }

    @Override
    public String toString() {
        return "BinnedPopulation" + Arrays.toString(counts) + ", outside " + outside;
    }
}
