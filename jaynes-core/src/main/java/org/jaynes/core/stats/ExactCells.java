package org.jaynes.core.stats;

/**
 * Cells that are single exact values with their counts: the distinct non-zero finite values of an 8-
 * or 16-bit population, in ascending order of w.
 */
final class ExactCells implements ValueCells {

    private final double[] values;
    private final long[] counts;
    /**
     * The cells of ln|w|, made once: each pass over them would otherwise take a logarithm per distinct
     * value, and the analysis makes several.
     */
    private final CellArrays magnitudes;

    ExactCells(double[] values, long[] counts) {
        this.values = values;
        this.counts = counts;
        this.magnitudes = magnitudeCells(values, counts, byMagnitude(values));
    }

    /** One cell of ln|w| per distinct magnitude, both signs' counts together, ascending. */
    private static CellArrays magnitudeCells(double[] values, long[] counts, int[] byMagnitude) {
        CellArrays cells = new CellArrays(values.length);
        int i = 0;
        while (i < byMagnitude.length) {
            double magnitude = Math.abs(values[byMagnitude[i]]);
            long count = 0;
            while (i < byMagnitude.length && Math.abs(values[byMagnitude[i]]) == magnitude) {
                count += counts[byMagnitude[i++]];
            }
            double ln = Math.log(magnitude);
            cells.accept(ln, ln, count);
        }
        return cells;
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
        magnitudes.forEach(consumer);
    }

    @Override
    public java.util.Optional<CellColumns> magnitudeColumns() {
        return java.util.Optional.of(magnitudes.columns());
    }

    @Override
    public java.util.Optional<CellColumns> signedColumns() {
        return java.util.Optional.of(new CellColumns(values, values, counts, values.length));
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
