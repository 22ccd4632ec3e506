package org.jaynes.core.analysis;

import java.util.Arrays;
import org.jaynes.core.stats.ValueCells;

/**
 * A copy of a population's cells, both views, that no later {@code accept}, {@code merge} or
 * {@code refine} of the accumulator they came from can change: what makes a {@link PopulationSummary}
 * immutable.
 */
final class CopiedCells implements ValueCells {

    private final View magnitudes;
    private final View signed;
    private final double maxCellWidth;

    private CopiedCells(View magnitudes, View signed, double maxCellWidth) {
        this.magnitudes = magnitudes;
        this.signed = signed;
        this.maxCellWidth = maxCellWidth;
    }

    static CopiedCells of(ValueCells cells) {
        if (cells instanceof CopiedCells copied) {
            return copied;
        }
        View magnitudes = new View();
        cells.forEachCell(magnitudes::add);
        View signed = new View();
        cells.forEachSignedCell(signed::add);
        return new CopiedCells(magnitudes.trimmed(), signed.trimmed(), cells.maxCellWidth());
    }

    @Override
    public void forEachCell(CellConsumer consumer) {
        magnitudes.forEach(consumer);
    }

    @Override
    public void forEachSignedCell(CellConsumer consumer) {
        signed.forEach(consumer);
    }

    @Override
    public double maxCellWidth() {
        return maxCellWidth;
    }

    /** Cells in the order they were handed over. */
    private static final class View {
        private double[] low = new double[64];
        private double[] high = new double[64];
        private long[] count = new long[64];
        private int size;

        void add(double cellLow, double cellHigh, long cellCount) {
            if (size == low.length) {
                low = Arrays.copyOf(low, 2 * size);
                high = Arrays.copyOf(high, 2 * size);
                count = Arrays.copyOf(count, 2 * size);
            }
            low[size] = cellLow;
            high[size] = cellHigh;
            count[size++] = cellCount;
        }

        View trimmed() {
            low = Arrays.copyOf(low, size);
            high = Arrays.copyOf(high, size);
            count = Arrays.copyOf(count, size);
            return this;
        }

        void forEach(CellConsumer consumer) {
            for (int i = 0; i < size; i++) {
                consumer.accept(low[i], high[i], count[i]);
            }
        }
    }
}
