package org.jaynes.core.stats;

/**
 * The distribution of ln|w| of a population as cells in ascending order: each cell holds a count of
 * values whose ln|w| lies in {@code [lnLow, lnHigh)}, or is exactly {@code lnLow} when the two are equal
 * (exact counts of 8- and 16-bit values). Distribution-free statistics (KS, R², utilities, plots) are
 * computed from cells, so their accuracy is set by the cell widths alone.
 */
public interface ValueCells {

    /** Receives one cell. */
    @FunctionalInterface
    interface CellConsumer {
        void accept(double lnLow, double lnHigh, long count);
    }

    /** Hands every non-empty cell to {@code consumer}, in ascending order of ln|w|. */
    void forEachCell(CellConsumer consumer);

    /** The widest cell in ln|w|; 0 when every cell is a single exact value. */
    double maxCellWidth();
}
