package org.jaynes.core.stats;

import java.util.Arrays;

/** Cells in the order they were added, as three arrays; sized once when the number of cells is known. */
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
