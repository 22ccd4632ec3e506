package org.jaynes.core.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Locale;

/**
 * Summarises f32 values in two passes over them, so that the work per value stays a few nanoseconds:
 * the accumulator of {@code ModelAnalyzer} for f32 tensors, and its pooled accumulator of a whole model.
 *
 * <p><b>First pass</b> ({@link #accept}): exact mean and variance of w and ln|w|, and mean of |w| (ln|w|
 * by {@link FloatLog}, summed as deviations from a value of each 1,024-value chunk, then combined pairwise
 * in {@link Moments}), and a count per f32 bit pattern's top 16 bits (sign, exponent, 7 mantissa bits):
 * 65,536 counters that stay in cache. Zeros, subnormals, infinities and NaN are rare; a chunk holding
 * one is summed value by value, its subnormals counted exactly in a {@link LogAbsHistogram}.
 *
 * <p><b>Second pass</b> ({@link Refinement}): the coarse cells are 1/128 of an octave wide. Where a
 * statistic needs finer cells (where a law's Kolmogorov–Smirnov supremum may lie, a bin edge of the
 * game's histogram, a quantile or the median), the caller names those places, and a second pass over
 * the same bytes counts the values of those coarse cells in the fine cells of {@link LogAbsHistogram}
 * (2^-17 wide in ln|w|). A statistic whose places were all refined then equals its value over fine
 * cells everywhere; one computed over coarse cells states the wider error they leave (a KS bound), and
 * the fits' in-cell sums use the coarse cells elsewhere (see {@code FamilyFitter}).
 *
 * <p>Values added exactly ({@link #addRepeated}: pattern-counted 8- and 16-bit layers pooled with f32
 * ones) and subnormals are kept apart from the refined values, so that a pooled accumulator can be
 * refined from the f32 bytes again without counting any value twice. Not thread-safe: one per segment
 * of a tensor, combined with {@link #merge}.
 */
public final class RefiningAccumulator implements PopulationAccumulator {

    private static final long serialVersionUID = 1L;

    private static final int CHUNK = 1024;
    /** Magnitude keys: the top 16 bits of an f32 less the sign. */
    static final int MAGNITUDE_KEYS = 1 << 15;

    /** Moments of everything, and n, zeros and non-finite values of the f32 values streamed. */
    private final FloatMoments moments = new FloatMoments();
    /** Counts by the top 16 bits of normal f32 values: every normal value seen in the first pass. */
    private transient long[] coarse = new long[1 << 16];
    private transient int[] chunk = new int[CHUNK];
    /** Smallest and largest magnitude of the values added exactly. */
    private double minExact = Double.POSITIVE_INFINITY;
    private double maxExact;
    /** Values added exactly; null until there is one. */
    private LogAbsHistogram exact;
    /**
     * The values of the refined keys, counted in the second pass; null before it. Never changed once made
     * (it may share pages with {@link #countedValues}, which is not changed either).
     */
    private LogAbsHistogram refinedValues;
    /** Every value the second pass counted: those of the refined keys and of any a pool asked for too. */
    private LogAbsHistogram countedValues;
    /**
     * In a pooled accumulator, the fine counts of refined populations added to it ({@link #addTo}): a
     * cell the pool refines too need not be counted again from the populations that counted it.
     */
    private LogAbsHistogram pooledRefinedValues;
    private boolean[] refined = new boolean[MAGNITUDE_KEYS];
    private transient RefinedCells cells;

    /** The coarse counts are written as their non-zero cells only (see {@link SparseCounts}). */
    private void writeObject(java.io.ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        SparseCounts.write(out, coarse);
    }

    private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        coarse = SparseCounts.read(in);
        if (coarse.length != 1 << 16) {
            throw new java.io.InvalidObjectException("coarse cells of " + coarse.length + " counts");
        }
        chunk = new int[CHUNK];
    }

    @Override
    public void accept(ByteBuffer window) {
        IntBuffer ints = window.slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        for (int start = 0, count = ints.remaining(); start < count; start += CHUNK) {
            int length = Math.min(CHUNK, count - start);
            ints.get(start, chunk, 0, length);
            moments.accept(chunk, length, this::countSpecial, coarse);
        }
        cells = null;
    }

    /** Counts a non-zero finite value of a chunk that was summed value by value. */
    private void countSpecial(int bits) {
        if ((bits & 0x7F800000) == 0) {
            addExactly(Float.intBitsToFloat(bits), 1);
        } else {
            coarse[bits >>> 16]++;
        }
    }

    private void addExactly(double w, long count) {
        if (exact == null) {
            exact = new LogAbsHistogram();
        }
        exact.add(w, count);
        minExact = Math.min(minExact, Math.abs(w));
        maxExact = Math.max(maxExact, Math.abs(w));
    }

    /** Adds {@code count} copies of {@code w}, counted exactly: how pattern-counted layers join a pool. */
    void addRepeated(double w, long count) {
        if (moments.addRepeated(w, count)) {
            addExactly(w, count);
        }
        cells = null;
    }

    /**
     * Adds what {@code other} has seen in its first pass (and its exact values); a refined population
     * pools as coarse cells, to be refined with the pool, and hands over its fine counts, so that the pool
     * need not count again the cells it refined (see {@link #refine}).
     */
    @Override
    public void merge(PopulationAccumulator other) {
        if (!(other instanceof RefiningAccumulator that)) {
            throw new IllegalArgumentException("cannot merge " + other + " into a refining accumulator");
        }
        that.addTo(this);
    }

    @Override
    public void addTo(RefiningAccumulator pooled) {
        addFirstPassTo(pooled);
        pooled.addCounts(countedValues);
    }

    /**
     * Adds what {@code other} saw in its first pass (and its exact values) to {@code pooled}: all the pool
     * needs to know where it wants fine cells. The fine counts follow with {@link #addCounts}.
     */
    public void addFirstPassTo(RefiningAccumulator pooled) {
        pooled.moments.merge(moments);
        pooled.minExact = Math.min(pooled.minExact, minExact);
        pooled.maxExact = Math.max(pooled.maxExact, maxExact);
        for (int key = lowKey(); key <= highKey(); key++) {
            pooled.coarse[key] += coarse[key];
            pooled.coarse[key | 0x8000] += coarse[key | 0x8000];
        }
        if (exact != null) {
            if (pooled.exact == null) {
                pooled.exact = new LogAbsHistogram();
            }
            pooled.exact.merge(exact);
        }
        pooled.cells = null;
    }

    /**
     * Takes the fine counts of a population whose first pass was added with {@link #addFirstPassTo}: the
     * cells a later {@link #refine} of this pool finds counted need not be read again. Null adds nothing.
     */
    public void addCounts(LogAbsHistogram counts) {
        if (counts != null) {
            if (pooledRefinedValues == null) {
                pooledRefinedValues = new LogAbsHistogram();
            }
            pooledRefinedValues.merge(counts);
        }
    }

    /** Not possible: coarse cells cannot join a fine histogram; pool into a {@link RefiningAccumulator}. */
    @Override
    public void addTo(StreamingAccumulator pooled) {
        throw new UnsupportedOperationException("a refining accumulator pools into a refining accumulator");
    }

    /**
     * Adds the moments and fine cells of a streaming accumulator (f64 and integer layers) as exact values.
     *
     * @param minAbs the smallest non-zero |w| the cells hold; {@code maxAbs} the largest
     */
    void addExactly(FloatMoments other, double minAbs, double maxAbs, LogAbsHistogram histogram) {
        moments.merge(other);
        if (other.logAbs.count() > 0) {
            minExact = Math.min(minExact, minAbs);
            maxExact = Math.max(maxExact, maxAbs);
            if (exact == null) {
                exact = new LogAbsHistogram();
            }
            exact.merge(histogram);
        }
        cells = null;
    }

    /**
     * The second pass to make: the coarse cells that hold any of the given places, as ranges of ln|w|.
     *
     * @param lnRanges pairs (low, high) of ln|w|, flattened; a pair with low = high is a point
     */
    public Refinement refinement(double[] lnRanges) {
        boolean[] marked = new boolean[MAGNITUDE_KEYS];
        for (int i = 0; i + 1 < lnRanges.length; i += 2) {
            markPages(lnRanges[i], lnRanges[i + 1], marked);
        }
        return occupied(marked);
    }

    /**
     * The cells of {@code refinement} that hold any value of this accumulator's first pass: all that its
     * second pass can count (a pool's cells, say, of which a small population touches a few).
     */
    public Refinement occupied(Refinement refinement) {
        return occupied(refinement.keys());
    }

    private Refinement occupied(boolean[] wanted) {
        boolean[] keys = new boolean[MAGNITUDE_KEYS];
        for (int key = lowKey(); key <= highKey(); key++) {
            keys[key] = wanted[key] && (coarse[key] != 0 || coarse[key | 0x8000] != 0);
        }
        return new Refinement(keys);
    }

    /**
     * The lowest f32 magnitude key that may hold a coarse count: that of the smallest magnitude seen; above
     * {@link #highKey} when there is none. Loops over the coarse counts visit only this range.
     */
    private int lowKey() {
        return moments.minBits >>> 16;
    }

    /** The highest f32 magnitude key that may hold a coarse count (see {@link #lowKey}). */
    private int highKey() {
        return moments.maxBits >>> 16;
    }

    /** Marks the f32 magnitude keys of the pages that [low, high] (or the point low = high) touches. */
    private static void markPages(double low, double high, boolean[] keys) {
        if (!(low <= high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            return;
        }
        int p = LogAbsHistogram.magnitudePage(Math.exp(low));
        while (p > 0 && LogAbsHistogram.lnLowOfPage(p) > low) {
            p--;
        }
        while (p + 1 < LogAbsHistogram.MAGNITUDE_PAGES && LogAbsHistogram.lnLowOfPage(p + 1) <= low) {
            p++;
        }
        for (; p < LogAbsHistogram.MAGNITUDE_PAGES; p++) {
            double pageLow = LogAbsHistogram.lnLowOfPage(p);
            if (pageLow > high || (pageLow == high && low < high)) {
                break;
            }
            int key = RefinedCells.floatKey(p);
            if (key >= 0) {
                keys[key] = true;
            }
        }
    }

    /**
     * Replaces the coarse cells of {@code refinement} by the fine counts of their values, made by
     * {@link Refinement#countFine} over every byte {@link #accept} saw; in a pooled accumulator, over the
     * bytes of every population added to it but for the cells that population had counted itself
     * ({@link Refinement#without}), whose counts it handed over.
     *
     * @throws UncheckedIOException when the fine counts disagree with the coarse ones: the bytes changed
     *                              between the passes
     */
    public void refine(Refinement refinement, LogAbsHistogram fineCounts) {
        refine(refinement, refinement, fineCounts);
    }

    /**
     * Like {@link #refine(Refinement, LogAbsHistogram)}, but the second pass counted the cells of
     * {@code counted}, a superset of {@code refinement}: the cells a pool will want too. Only the cells of
     * {@code refinement} become fine here, so the statistics are those of a refinement alone; all the
     * counts go to the pool ({@link #addTo}), which then need not read this population again for them.
     */
    public void refine(Refinement refinement, Refinement counted, LogAbsHistogram fineCounts) {
        int[] keys = counted.selectedKeys();
        if (pooledRefinedValues != null) {
            for (int key : keys) {
                fineCounts.mergePage(pooledRefinedValues, key + RefinedCells.PAGE_OFFSET);
            }
            pooledRefinedValues = null;
        }
        for (int key : keys) {
            int page = key + RefinedCells.PAGE_OFFSET;
            long positive = fineCounts.pageCount(page, false);
            long negative = fineCounts.pageCount(page, true);
            if (positive != coarse[key] || negative != coarse[key | 0x8000]) {
                throw new UncheckedIOException(new IOException(String.format(Locale.ROOT,
                        "the values changed between two reads: %d and %d values near %.6g on the first, %d and %d"
                                + " on the second", coarse[key], coarse[key | 0x8000],
                        LogAbsHistogram.lowOfPage(page), positive, negative)));
            }
        }
        refined = refinement.keys().clone();
        countedValues = fineCounts;
        if (counted.cells() == refinement.cells()) {
            refinedValues = fineCounts;
        } else {
            // The refinement's pages of the counts, shared: neither histogram changes after this.
            refinedValues = new LogAbsHistogram();
            for (int key : refinement.selectedKeys()) {
                refinedValues.sharePage(fineCounts, key + RefinedCells.PAGE_OFFSET);
            }
        }
        cells = null;
    }

    @Override
    public ValueCells cells() {
        if (cells == null) {
            // One histogram alone is walked as it is, not copied: the cells are made again after any change to
            // it, and a summary copies them (CopiedCells).
            LogAbsHistogram fine = refinedValues == null ? exact : refinedValues;
            if (refinedValues != null && exact != null) {
                fine = new LogAbsHistogram();
                fine.merge(refinedValues);
                fine.merge(exact);
            }
            cells = new RefinedCells(coarse, lowKey(), highKey(), refined, fine);
        }
        return cells;
    }

    @Override
    public FitInput fitInput() {
        Moments signed = moments.signed;
        Moments logAbs = moments.logAbs;
        double sumOfSquares = signed.count() * (signed.variance() + signed.mean() * signed.mean());
        double meanSquare = logAbs.count() == 0 ? Double.NaN : sumOfSquares / logAbs.count();
        return new FitInput(logAbs.count(), logAbs.mean(), logAbs.variance(), moments.abs.mean(), meanSquare,
                Math.min(minExact, moments.minAbs()), Math.max(maxExact, moments.maxAbs()), cells());
    }

    @Override
    public PopulationStats result() {
        Moments logAbs = moments.logAbs;
        KsDistance ks = KsDistance.toNormal(cells(), logAbs.count(), logAbs.mean(), logAbs.standardDeviation());
        return new PopulationStats(moments.n, moments.zeros, moments.nonfinite, moments.signed.mean(),
                moments.signed.standardDeviation(), logAbs.mean(), logAbs.standardDeviation(), ks.value(),
                ks.errorBound());
    }
}
