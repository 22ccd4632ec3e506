package org.jaynes.core.stats;

/** Cells that are single exact values of ln|w| with their counts, in ascending order. */
final class ExactCells implements ValueCells {

    private final double[] lnValues;
    private final long[] counts;

    ExactCells(double[] lnValues, long[] counts) {
        this.lnValues = lnValues;
        this.counts = counts;
    }

    @Override
    public void forEachCell(CellConsumer consumer) {
        for (int i = 0; i < lnValues.length; i++) {
            consumer.accept(lnValues[i], lnValues[i], counts[i]);
        }
    }

    @Override
    public double maxCellWidth() {
        return 0;
    }
}
