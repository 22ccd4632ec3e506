package org.jaynes.core.stats;

/**
 * The distribution of a population's non-zero finite values as cells in ascending order, seen two ways:
 * by magnitude, in ln|w| ({@link #forEachCell}), and by signed value, in w ({@link #forEachSignedCell}).
 * Each cell holds a count of values in {@code [low, high)}, or exactly {@code low} when the two are equal
 * (exact counts of 8- and 16-bit values). Distribution-free statistics (KS, R², utilities, plots) and the
 * iterative fits are computed from cells, so their accuracy is set by the cell widths alone.
 */
public interface ValueCells {

    /** Receives one cell. */
    @FunctionalInterface
    interface CellConsumer {
        void accept(double low, double high, long count);
    }

    /** Hands every non-empty cell of ln|w| to {@code consumer}, in ascending order. */
    void forEachCell(CellConsumer consumer);

    /** Hands every non-empty cell of w (negative values first) to {@code consumer}, in ascending order. */
    void forEachSignedCell(CellConsumer consumer);

    /** The cells of {@link #forEachCell} as the arrays that hold them, when this view holds them so; else empty. */
    default java.util.Optional<CellColumns> magnitudeColumns() {
        return java.util.Optional.empty();
    }

    /** The cells of {@link #forEachSignedCell} as the arrays that hold them, when there are such; else empty. */
    default java.util.Optional<CellColumns> signedColumns() {
        return java.util.Optional.empty();
    }

    /**
     * The cells of {@link #forEachCell} as arrays: those this view holds, else a copy (one walk to count the
     * cells, one to fill the arrays). For the analysis's many passes over the cells: a loop over arrays,
     * unlike a walk handing each cell to one of many consumers through one call site, is compiled into each
     * pass with its body.
     */
    default CellColumns magnitudeArrays() {
        return magnitudeColumns().orElseGet(() -> CellArrays.walked(this::forEachCell).columns());
    }

    /** The cells of {@link #forEachSignedCell} as arrays: those this view holds, else a copy. */
    default CellColumns signedArrays() {
        return signedColumns().orElseGet(() -> CellArrays.walked(this::forEachSignedCell).columns());
    }

    /** The widest cell in ln|w|; 0 when every cell is a single exact value. */
    double maxCellWidth();
}
