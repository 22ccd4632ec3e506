package org.jaynes.core.fit;

import java.util.Arrays;
import org.jaynes.core.stats.CellColumns;
import org.jaynes.core.stats.ValueCells;

/**
 * A population's cells of ln|w| compressed, for the sums of smooth functions that have no exact
 * counterpart (the Weibull and generalised-normal mean powers, Vuong's Σ l²): each cell stands at the u
 * where {@link CellPlacement} puts it, and the placed cells of each window of u at most {@value #WIDTH}
 * wide are replaced by the two-point Gauss rule of their counts, two points u± with weights w± whose sums
 * Σ w·g(u) equal Σ count·g(u) over the window's cells for every cubic g. A window of one cell keeps it.
 *
 * <p>Accuracy: for a smooth g the error of a window is at most (count/24)·max|g''''|·{@value #WIDTH}⁴,
 * relative 6e-13·k⁴ for g = x^k = e^(ku): far below what placing a value inside its cell already leaves
 * (see {@link LikelihoodPass}). Cost: one pass over the cells, after which every sum costs two evaluations
 * per window instead of one per cell: a fine-celled layer of a million cells keeps about 15,000 points.
 *
 * <p>The nodes are the roots of the window's second orthogonal polynomial: with the centred moments v and
 * t (second and third), x² − (t/v)·x − v; they lie inside the window and the weights are positive.
 */
final class PlacedPoints {

    /** The widest window in u, 2^-9: as wide as a {@link CoarseCells} cell. */
    static final double WIDTH = 0x1p-9;

    private double[] u = new double[256];
    private double[] weight = new double[256];
    private int size;

    private PlacedPoints() {
    }

    /** The placed cells of {@code cells}, compressed window by window. */
    static PlacedPoints of(ValueCells cells, CellPlacement placement) {
        PlacedPoints points = new PlacedPoints();
        Window window = points.new Window();
        CellColumns columns = cells.magnitudeArrays();
        for (int i = 0; i < columns.size(); i++) {
            window.add(placement.of(columns.low()[i], columns.high()[i]), columns.count()[i]);
        }
        window.flush();
        return points;
    }

    /** The number of points. */
    int size() {
        return size;
    }

    /** The u of point {@code i}. */
    double u(int i) {
        return u[i];
    }

    /** The weight (a number of values, not always whole) of point {@code i}. */
    double weight(int i) {
        return weight[i];
    }

    private void add(double at, double w) {
        if (size == u.length) {
            u = Arrays.copyOf(u, 2 * size);
            weight = Arrays.copyOf(weight, 2 * size);
        }
        u[size] = at;
        weight[size] = w;
        size++;
    }

    /** The cells of the current window: their number, first u, and moments about it. */
    private final class Window {
        private int cells;
        private double start;
        private double firstU;
        private long firstCount;
        private double m0;
        private double m1;
        private double m2;
        private double m3;

        void add(double at, long count) {
            if (cells > 0 && at - start > WIDTH) {
                flush();
            }
            if (cells == 0) {
                start = at;
                firstU = at;
                firstCount = count;
            }
            double d = at - start;
            double c = count;
            m0 += c;
            m1 += c * d;
            m2 += c * d * d;
            m3 += c * d * d * d;
            cells++;
        }

        void flush() {
            if (cells == 1) {
                PlacedPoints.this.add(firstU, firstCount);
            } else if (cells > 1) {
                double mean = m1 / m0;
                double variance = m2 / m0 - mean * mean;
                double third = m3 / m0 - 3 * mean * (m2 / m0) + 2 * mean * mean * mean;
                if (!(variance > 0)) {
                    PlacedPoints.this.add(start + mean, m0);
                } else {
                    double b = third / variance;
                    double root = Math.sqrt(b * b + 4 * variance);
                    double upper = (b + root) / 2;
                    double lower = (b - root) / 2;
                    PlacedPoints.this.add(start + mean + lower, m0 * upper / (upper - lower));
                    PlacedPoints.this.add(start + mean + upper, m0 * -lower / (upper - lower));
                }
            }
            cells = 0;
            m0 = 0;
            m1 = 0;
            m2 = 0;
            m3 = 0;
        }
    }
}
