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
        int next = 0;
        long before = 0;
        CellColumns columns = cells.magnitudeArrays();
        for (int i = 0; i < columns.size() && next < probabilities.length; i++) {
            double low = columns.low()[i];
            double high = columns.high()[i];
            long count = columns.count()[i];
            long end = before + count;
            while (next < probabilities.length && probabilities[next] * n <= end) {
                double t = (probabilities[next] * n - before) / count;
                quantiles[next++] = low + Math.max(0, Math.min(1, t)) * (high - low);
            }
            before = end;
        }
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
