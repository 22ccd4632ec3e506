package org.jaynes.core.stats;

import java.util.Arrays;

/** Cells in the order they were added, as three arrays that grow as cells come. */
final class CellArrays implements ValueCells.CellConsumer {

    private double[] low;
    private double[] high;
    private long[] count;
    private int size;

    CellArrays(int capacity) {
        low = new double[Math.max(16, capacity)];
        high = new double[low.length];
        count = new long[low.length];
    }

    @Override
    public void accept(double cellLow, double cellHigh, long cellCount) {
        if (size == low.length) {
            low = Arrays.copyOf(low, 2 * size);
            high = Arrays.copyOf(high, 2 * size);
            count = Arrays.copyOf(count, 2 * size);
        }
        low[size] = cellLow;
        high[size] = cellHigh;
        count[size] = cellCount;
        size++;
    }

    /** Widens the last cell to {@code cellHigh} and adds {@code cellCount} to it: cells merged as they come. */
    void extendLast(double cellHigh, long cellCount) {
        high[size - 1] = cellHigh;
        count[size - 1] += cellCount;
    }

    /**
     * Room for {@code cells} more cells; returns the index of the next one. A bulk writer then {@link #set}s
     * a slot per candidate cell, moving its index on only past the non-empty ones, and {@link #commit}s the
     * final index: no branch per candidate, which on half-filled pages of fine cells the processor would
     * mispredict every other time.
     */
    int reserve(int cells) {
        if (size + cells > low.length) {
            int capacity = Math.max(2 * low.length, size + cells);
            low = Arrays.copyOf(low, capacity);
            high = Arrays.copyOf(high, capacity);
            count = Arrays.copyOf(count, capacity);
        }
        return size;
    }

    /** Writes slot {@code index}, reserved and not yet committed. */
    void set(int index, double cellLow, double cellHigh, long cellCount) {
        low[index] = cellLow;
        high[index] = cellHigh;
        count[index] = cellCount;
    }

    /** Keeps the slots below {@code end} (at least the current size, within what was reserved) as cells. */
    void commit(int end) {
        size = end;
    }

    /**
     * Drops the unused capacity, for arrays kept long after they are filled, when it is more than a page of
     * slots and an eighth of the cells: arrays sized beforehand ({@link RefinedCells}) keep theirs, as a
     * copy would cost more than the room it frees.
     */
    void trim() {
        if (low.length - size > Math.max(LogAbsHistogram.PAGE_SIZE, size / 8)) {
            int capacity = Math.max(16, size);
            low = Arrays.copyOf(low, capacity);
            high = Arrays.copyOf(high, capacity);
            count = Arrays.copyOf(count, capacity);
        }
    }

    /** The cells {@code walk} hands over, in arrays sized by a first walk. */
    static CellArrays walked(java.util.function.Consumer<ValueCells.CellConsumer> walk) {
        CellArrays cells = new CellArrays(count(walk));
        walk.accept(cells);
        return cells;
    }

    /** A copy of {@code columns}' cells, in arrays of their number. */
    static CellArrays copyOf(CellColumns columns) {
        CellArrays cells = new CellArrays(columns.size());
        System.arraycopy(columns.low(), 0, cells.low, 0, columns.size());
        System.arraycopy(columns.high(), 0, cells.high, 0, columns.size());
        System.arraycopy(columns.count(), 0, cells.count, 0, columns.size());
        cells.size = columns.size();
        return cells;
    }

    /** The cells as the arrays themselves, for reading only. */
    CellColumns columns() {
        return new CellColumns(low, high, count, size);
    }

    void forEach(ValueCells.CellConsumer consumer) {
        for (int i = 0; i < size; i++) {
            consumer.accept(low[i], high[i], count[i]);
        }
    }

    /** The number of cells a walk of {@code walk} hands over: for sizing the arrays of a copy exactly. */
    static int count(java.util.function.Consumer<ValueCells.CellConsumer> walk) {
        int[] cells = {0};
        walk.accept((low, high, count) -> cells[0]++);
        return cells[0];
    }
}
