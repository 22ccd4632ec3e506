package org.jaynes.core.fit;

import java.util.Arrays;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.CellColumns;
import org.jaynes.core.stats.ValueCells;

/**
 * A population's cells merged into few wide ones, so that solvers and screens can afford many passes.
 * Neighbouring cells are merged while the merged cell spans at most {@link #WIDTH} in ln|w| (never across
 * 0): from a fine histogram of a million cells this leaves about 1,500 per unit of ln|w| spanned. Each
 * coarse cell keeps the interval its fine cells cover, their total count, their number, and (for cells
 * of ln|w|) the count-weighted mean of the fine cells' midpoints.
 *
 * <p>Fine cells stand for their values where {@link CellPlacement} puts them (their midpoints, moved so
 * that Σ ln|w| and Σ |w| over the cells are exact); the placement is calibrated in the same pass.
 *
 * <p>Replacing every value of a coarse cell by the cell's mean ln|w| changes a mean of |w|^k by a relative
 * k²·var/2 ≤ k²·WIDTH²/8 ≈ 4.8e-7·k², which is what a solve on coarse cells is accurate to before the
 * polishing passes. Built in one pass over the cells; immutable afterwards.
 */
final class CoarseCells {

    /** The widest coarse cell in ln|w|: 2^-9. */
    static final double WIDTH = 0x1p-9;
    private static final double RATIO = Math.exp(WIDTH);

    private int size;
    private double[] low = new double[64];
    private double[] high = new double[64];
    private long[] count = new long[64];
    private double[] meanLog = new double[64];
    private double[] meanWidth = new double[64];
    private int[] fineCells = new int[64];
    private CellPlacement placement;

    private CoarseCells() {
    }

    /** Coarse cells of u = ln|w| from the population's {@link ValueCells#forEachCell}, and their placement. */
    static CoarseCells ofMagnitudes(FitInput input) {
        CoarseCells coarse = new CoarseCells();
        double weightedOffset = 0;
        double weightedWidth = 0;
        CellPlacement.Calibration calibration = new CellPlacement.Calibration(input);
        CellColumns columns = input.cells().magnitudeArrays();
        for (int i = 0; i < columns.size(); i++) {
            double lnLow = columns.low()[i];
            double lnHigh = columns.high()[i];
            long n = columns.count()[i];
            calibration.add(lnLow, lnHigh, n);
            int last = coarse.size - 1;
            if (last >= 0 && lnHigh - coarse.low[last] <= WIDTH) {
                weightedOffset += n * ((lnLow + lnHigh) / 2 - coarse.low[last]);
                weightedWidth += n * (lnHigh - lnLow);
                coarse.extend(lnHigh, n);
            } else {
                coarse.finishMean(weightedOffset, weightedWidth);
                weightedOffset = n * ((lnHigh - lnLow) / 2);
                weightedWidth = n * (lnHigh - lnLow);
                coarse.start(lnLow, lnHigh, n);
            }
        }
        coarse.finishMean(weightedOffset, weightedWidth);
        coarse.placement = calibration.result();
        for (int j = 0; j < coarse.size; j++) {
            // t hardly changes across a coarse cell: place its mean midpoint by its mean fine width
            double mid = coarse.meanLog[j];
            double halfWidth = coarse.meanWidth[j] / 2;
            coarse.meanLog[j] = coarse.placement.of(mid - halfWidth, mid + halfWidth);
        }
        return coarse;
    }

    /** Coarse cells of w from {@link ValueCells#forEachSignedCell}; {@link #meanLog} is not kept. */
    static CoarseCells ofSigned(ValueCells cells) {
        CoarseCells coarse = new CoarseCells();
        CellColumns columns = cells.signedArrays();
        for (int i = 0; i < columns.size(); i++) {
            double low = columns.low()[i];
            double high = columns.high()[i];
            long n = columns.count()[i];
            int last = coarse.size - 1;
            boolean merge = last >= 0 && (low > 0
                    ? coarse.low[last] > 0 && high <= coarse.low[last] * RATIO
                    : coarse.low[last] < 0 && -coarse.low[last] <= -high * RATIO);
            if (merge) {
                coarse.extend(high, n);
            } else {
                coarse.start(low, high, n);
            }
        }
        return coarse;
    }

    private void start(double cellLow, double cellHigh, long n) {
        if (size == low.length) {
            int capacity = 2 * size;
            low = Arrays.copyOf(low, capacity);
            high = Arrays.copyOf(high, capacity);
            count = Arrays.copyOf(count, capacity);
            meanLog = Arrays.copyOf(meanLog, capacity);
            meanWidth = Arrays.copyOf(meanWidth, capacity);
            fineCells = Arrays.copyOf(fineCells, capacity);
        }
        low[size] = cellLow;
        high[size] = cellHigh;
        count[size] = n;
        fineCells[size] = 1;
        size++;
    }

    private void extend(double cellHigh, long n) {
        high[size - 1] = cellHigh;
        count[size - 1] += n;
        fineCells[size - 1]++;
    }

    private void finishMean(double weightedOffset, double weightedWidth) {
        if (size > 0) {
            meanLog[size - 1] = low[size - 1] + weightedOffset / count[size - 1];
            meanWidth[size - 1] = weightedWidth / count[size - 1];
        }
    }

    /** The number of coarse cells. */
    int size() {
        return size;
    }

    /** The lower end of cell {@code j}: its first fine cell's. */
    double low(int j) {
        return low[j];
    }

    /** The upper end of cell {@code j}: its last fine cell's. */
    double high(int j) {
        return high[j];
    }

    /** The number of values in cell {@code j}. */
    long count(int j) {
        return count[j];
    }

    /** The number of fine cells merged into cell {@code j}. */
    int fineCells(int j) {
        return fineCells[j];
    }

    /**
     * The count-weighted mean of the fine cells' midpoints in cell {@code j}, moved as {@link #placement()}
     * moves a fine cell there (cells of ln|w| only).
     */
    double meanLog(int j) {
        return meanLog[j];
    }

    /** Where fine cells of ln|w| stand for their values (cells of ln|w| only). */
    CellPlacement placement() {
        return placement;
    }

    /** The upper end of the last cell: an upper bound on every ln|w| and every placed cell. */
    double maxLog() {
        return size == 0 ? Double.NaN : high[size - 1];
    }
}
