package org.jaynes.core.stats;

/**
 * A fine histogram of |w| keyed by the bits of the double value: the exponent and the top
 * {@value #MANTISSA_BITS} bits of the mantissa. Bins are therefore nearly equal in ln|w|: each is
 * at most 2^-17 ≈ 7.6e-6 wide in ln|w|, whatever the scale of the weights, and no logarithm is needed
 * to find a value's bin.
 *
 * <p>Storage is sparse: a directory of 2^18 pages of 1,024 bins each, a page allocated only when a value
 * falls in it, so a layer whose values span many octaves costs a few megabytes at most. Counts are
 * longs; merging adds pages. Not thread-safe: use one per thread and {@link #merge} them.
 */
public final class LogAbsHistogram implements ValueCells {

    /** Mantissa bits kept in the bin key: bins are at most 2^-17 wide in ln|w|. */
    public static final int MANTISSA_BITS = 17;

    private static final int KEY_SHIFT = 52 - MANTISSA_BITS;
    private static final int PAGE_BITS = 10;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int DIRECTORY_SIZE = 1 << (11 + MANTISSA_BITS - PAGE_BITS);

    private final long[][] pages = new long[DIRECTORY_SIZE][];

    /** Counts one value; {@code absValue} must be positive and finite. */
    public void accept(double absValue) {
        add(absValue, 1);
    }

    /** Counts {@code count} copies of one value; {@code absValue} must be positive and finite. */
    public void add(double absValue, long count) {
        int key = (int) (Double.doubleToRawLongBits(absValue) >>> KEY_SHIFT);
        long[] page = pages[key >>> PAGE_BITS];
        if (page == null) {
            page = new long[PAGE_SIZE];
            pages[key >>> PAGE_BITS] = page;
        }
        page[key & PAGE_MASK] += count;
    }

    /** Adds every count of {@code other}; {@code other} is unchanged. */
    public void merge(LogAbsHistogram other) {
        for (int p = 0; p < DIRECTORY_SIZE; p++) {
            long[] theirs = other.pages[p];
            if (theirs == null) {
                continue;
            }
            long[] mine = pages[p];
            if (mine == null) {
                pages[p] = theirs.clone();
                continue;
            }
            for (int i = 0; i < PAGE_SIZE; i++) {
                mine[i] += theirs[i];
            }
        }
    }

    @Override
    public void forEachCell(CellConsumer consumer) {
        for (int p = 0; p < DIRECTORY_SIZE; p++) {
            long[] page = pages[p];
            if (page == null) {
                continue;
            }
            for (int i = 0; i < PAGE_SIZE; i++) {
                if (page[i] != 0) {
                    long key = ((long) p << PAGE_BITS) | i;
                    double low = Double.longBitsToDouble(key << KEY_SHIFT);
                    double high = Double.longBitsToDouble((key + 1) << KEY_SHIFT);
                    consumer.accept(Math.log(low), Math.log(high), page[i]);
                }
            }
        }
    }

    /** ln(1 + 2^-17): the widest bin, the one at the bottom of each octave. */
    @Override
    public double maxCellWidth() {
        return Math.log1p(Math.scalb(1.0, -MANTISSA_BITS));
    }
}
