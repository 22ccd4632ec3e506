package org.jaynes.core.stats;

/**
 * Cells that are single exact values with their counts: the distinct non-zero finite values of an 8-
 * or 16-bit population. Both views are made once, into arrays: a pass over cells of ln|w| made on the fly
 * would take a logarithm per distinct value, and the analysis makes several.
 */
final class ExactCells {

    private ExactCells() {
    }

    /**
     * The cells of the first {@code size} {@code values} (ascending in w, distinct) with their
     * {@code counts}: of w one per value, of ln|w| one per distinct magnitude, both signs' counts together.
     */
    static CopiedCells of(double[] values, long[] counts, int size) {
        CellArrays signed = new CellArrays(size);
        for (int i = 0; i < size; i++) {
            signed.accept(values[i], values[i], counts[i]);
        }
        int[] byMagnitude = byMagnitude(values, size);
        CellArrays magnitudes = new CellArrays(size);
        int i = 0;
        while (i < byMagnitude.length) {
            double magnitude = Math.abs(values[byMagnitude[i]]);
            long count = 0;
            while (i < byMagnitude.length && Math.abs(values[byMagnitude[i]]) == magnitude) {
                count += counts[byMagnitude[i++]];
            }
            double ln = Math.log(magnitude);
            magnitudes.accept(ln, ln, count);
        }
        return new CopiedCells(magnitudes, signed, 0);
    }

    /**
     * The order of ascending |w| of values in ascending order of w: the negative values read backwards
     * merged with the positive ones, in linear time.
     */
    private static int[] byMagnitude(double[] values, int size) {
        int firstPositive = 0;
        while (firstPositive < size && values[firstPositive] < 0) {
            firstPositive++;
        }
        int[] order = new int[size];
        int negative = firstPositive - 1;
        int positive = firstPositive;
        for (int k = 0; k < order.length; k++) {
            boolean takeNegative = positive == size
                    || (negative >= 0 && -values[negative] <= values[positive]);
            order[k] = takeNegative ? negative-- : positive++;
        }
        return order;
    }
}
