package org.jaynes.core.stats;

/**
 * Cells that are single exact values with their counts: the distinct non-zero finite values of an 8-
 * or 16-bit population, in ascending order of w.
 */
final class ExactCells implements ValueCells {

    private final double[] values;
    private final long[] counts;
    /** Indices into {@link #values} in ascending order of |w|. */
    private final int[] byMagnitude;

    ExactCells(double[] values, long[] counts) {
        this.values = values;
        this.counts = counts;
        this.byMagnitude = byMagnitude(values);
    }

    /**
     * The order of ascending |w| of values in ascending order of w: the negative values read backwards
     * merged with the positive ones, in linear time.
     */
    private static int[] byMagnitude(double[] values) {
        int firstPositive = 0;
        while (firstPositive < values.length && values[firstPositive] < 0) {
            firstPositive++;
        }
        int[] order = new int[values.length];
        int negative = firstPositive - 1;
        int positive = firstPositive;
        for (int k = 0; k < order.length; k++) {
            boolean takeNegative = positive == values.length
                    || (negative >= 0 && -values[negative] <= values[positive]);
            order[k] = takeNegative ? negative-- : positive++;
        }
        return order;
    }

    @Override
    public void forEachCell(CellConsumer consumer) {
        int i = 0;
        while (i < byMagnitude.length) {
            double magnitude = Math.abs(values[byMagnitude[i]]);
            long count = 0;
            while (i < byMagnitude.length && Math.abs(values[byMagnitude[i]]) == magnitude) {
                count += counts[byMagnitude[i++]];
            }
            double ln = Math.log(magnitude);
            consumer.accept(ln, ln, count);
        }
    }

    @Override
    public void forEachSignedCell(CellConsumer consumer) {
        for (int i = 0; i < values.length; i++) {
            consumer.accept(values[i], values[i], counts[i]);
        }
    }

    @Override
    public double maxCellWidth() {
        return 0;
    }
}
