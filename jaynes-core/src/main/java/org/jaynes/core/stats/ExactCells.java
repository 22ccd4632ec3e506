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
        this.byMagnitude = java.util.stream.IntStream.range(0, values.length).boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> Math.abs(values[i])))
                .mapToInt(Integer::intValue).toArray();
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
