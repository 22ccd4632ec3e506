package org.jaynes.core.stats;

/**
 * Quantiles of ln|w| from a population's cells, for Q–Q plots: the value of rank p·n, interpolated
 * linearly inside the cell that holds it (exact for exact cells). Accurate to one cell (≤ 2^-17 in ln|w|).
 */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * ln|w| at each probability.
     *
     * @param probabilities ascending, in (0, 1)
     */
    public static double[] ofLnMagnitude(ValueCells cells, long n, double[] probabilities) {
        double[] quantiles = new double[probabilities.length];
        java.util.Arrays.fill(quantiles, Double.NaN);
        if (n == 0) {
            return quantiles;
        }
        int[] next = {0};
        long[] before = {0};
        cells.forEachCell((low, high, count) -> {
            long end = before[0] + count;
            while (next[0] < probabilities.length && probabilities[next[0]] * n <= end) {
                double t = (probabilities[next[0]] * n - before[0]) / count;
                quantiles[next[0]++] = low + Math.max(0, Math.min(1, t)) * (high - low);
            }
            before[0] = end;
        });
        return quantiles;
    }

    /** Q probabilities (i + 0.5)/Q, i = 0 … Q−1: the plotting positions of a Q–Q plot. */
    public static double[] plottingPositions(int q) {
        double[] p = new double[q];
        for (int i = 0; i < q; i++) {
            p[i] = (i + 0.5) / q;
        }
        return p;
    }
}
