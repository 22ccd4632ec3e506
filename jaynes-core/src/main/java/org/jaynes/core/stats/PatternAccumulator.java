package org.jaynes.core.stats;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Decoding;

/**
 * Summarises 8- and 16-bit values exactly: it counts each bit pattern (at most 65,536 of them), then
 * computes every statistic from the distinct values and their counts, so the KS distance has no
 * histogram error. Cost: one array increment per element; the summary costs O(patterns log patterns).
 */
public final class PatternAccumulator implements PopulationAccumulator {

    private static final long serialVersionUID = 1L;

    private static final int CHUNK = 4096;

    private final DType dtype;
    private transient long[] counts;
    /** The cells of the counts, built on first use after a change: sorting 65,536 patterns is not free. */
    private transient ValueCells cells;
    /**
     * The patterns counted at least once, ascending, built on first use after a change: most of the 65,536
     * patterns of a 16-bit layer are never seen, and each summary would otherwise test them all.
     */
    private transient int[] seen;
    private transient Sums sums;

    PatternAccumulator(DType dtype) {
        if (dtype.byteSize() > 2) {
            throw new IllegalArgumentException("pattern counting needs a dtype of at most 16 bits, not " + dtype);
        }
        this.dtype = dtype;
        this.counts = new long[1 << (8 * dtype.byteSize())];
    }

    /** The counts are written as their non-zero patterns only (see {@link SparseCounts}). */
    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
        SparseCounts.write(out, counts);
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        counts = SparseCounts.read(in);
        if (counts.length != 1 << (8 * dtype.byteSize())) {
            throw new java.io.InvalidObjectException(counts.length + " counts for " + dtype.label());
        }
    }

    @Override
    public void accept(ByteBuffer window) {
        ByteBuffer bytes = window.slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (dtype.byteSize() == 1) {
            for (int i = 0, n = bytes.remaining(); i < n; i++) {
                counts[bytes.get(i) & 0xFF]++;
            }
        } else {
            // Bulk copies into a small array, then one increment per value: no per-value buffer checks.
            java.nio.ShortBuffer shorts = bytes.asShortBuffer();
            short[] chunk = new short[CHUNK];
            long[] table = counts;
            for (int start = 0, n = shorts.remaining(); start < n; start += CHUNK) {
                int length = Math.min(CHUNK, n - start);
                shorts.get(start, chunk, 0, length);
                for (int i = 0; i < length; i++) {
                    table[chunk[i] & 0xFFFF]++;
                }
            }
        }
        cells = null;
        seen = null;
        sums = null;
    }

    @Override
    public void merge(PopulationAccumulator other) {
        if (!(other instanceof PatternAccumulator that) || that.dtype != dtype) {
            throw new IllegalArgumentException("cannot merge " + other + " into a pattern accumulator of " + dtype);
        }
        for (int p = 0; p < counts.length; p++) {
            counts[p] += that.counts[p];
        }
        cells = null;
        seen = null;
        sums = null;
    }

    @Override
    public void addTo(StreamingAccumulator pooled) {
        for (int p : seenPatterns()) {
            pooled.addRepeated(Decoding.patternToDouble(dtype, p), counts[p]);
        }
    }

    @Override
    public void addTo(RefiningAccumulator pooled) {
        for (int p : seenPatterns()) {
            pooled.addRepeated(Decoding.patternToDouble(dtype, p), counts[p]);
        }
    }

    private int[] seenPatterns() {
        if (seen == null) {
            int[] patterns = new int[counts.length];
            int found = 0;
            for (int p = 0; p < counts.length; p++) {
                patterns[found] = p;
                found += counts[p] != 0 ? 1 : 0;
            }
            seen = Arrays.copyOf(patterns, found);
        }
        return seen;
    }

    @Override
    public ValueCells cells() {
        if (cells == null) {
            cells = sortedCells();
        }
        return cells;
    }

    /**
     * The distinct non-zero finite values in ascending order, read off the patterns in the order of their
     * values (see {@link #patternOfRank}): no sort, and only the patterns counted are decoded.
     */
    private ValueCells sortedCells() {
        int patterns = counts.length;
        int seenCount = seenPatterns().length;
        double[] values = new double[seenCount];
        long[] cellCounts = new long[seenCount];
        int distinct = 0;
        for (int rank = 0; rank < patterns; rank++) {
            int p = patternOfRank(dtype, rank, patterns);
            if (counts[p] == 0) {
                continue;
            }
            double v = Decoding.patternToDouble(dtype, p);
            if (v != 0 && Double.isFinite(v)) {
                values[distinct] = v;
                cellCounts[distinct++] = counts[p];
            }
        }
        return ExactCells.of(values, cellCounts, distinct);
    }

    /**
     * The pattern of the {@code rank}-th smallest value (NaN patterns ranked as their sign bit places
     * them): sign-magnitude floats hold their negative values by falling magnitude, then the positive ones
     * by rising magnitude; two's complement integers hold the negative values from the half-way pattern
     * on; unsigned integers are in order.
     */
    static int patternOfRank(DType dtype, int rank, int patterns) {
        int half = patterns >>> 1;
        return switch (dtype) {
            case F16, BF16 -> rank < half ? patterns - 1 - rank : rank - half;
            case I16, I8 -> rank < half ? rank + half : rank - half;
            default -> rank;
        };
    }

    @Override
    public FitInput fitInput() {
        Sums sums = sums();
        return new FitInput(sums.logAbs.count(), sums.logAbs.mean(), sums.logAbs.variance(), sums.abs.mean(),
                sums.square.mean(), sums.minAbs, sums.maxAbs, cells());
    }

    @Override
    public PopulationStats result() {
        Sums sums = sums();
        Moments logAbs = sums.logAbs;
        KsDistance ks = KsDistance.toNormal(cells(), logAbs.count(), logAbs.mean(), logAbs.standardDeviation());
        return new PopulationStats(sums.n, sums.zeros, sums.nonfinite, sums.signed.mean(),
                sums.signed.standardDeviation(), logAbs.mean(), logAbs.standardDeviation(), ks.value(),
                ks.errorBound());
    }

    /** The moments of the counted values, made on first use after a change: the result and the fit input share them. */
    private Sums sums() {
        if (sums == null) {
            sums = new Sums();
            for (int p : seenPatterns()) {
                sums.add(Decoding.patternToDouble(dtype, p), counts[p]);
            }
        }
        return sums;
    }

    /** Counts and moments of the values: of w over the finite ones, of ln|w|, |w| and w² over the non-zero ones. */
    private static final class Sums {
        long n;
        long zeros;
        long nonfinite;
        final Moments signed = new Moments();
        final Moments logAbs = new Moments();
        final Moments abs = new Moments();
        final Moments square = new Moments();
        double minAbs = Double.POSITIVE_INFINITY;
        double maxAbs;

        void add(double v, long count) {
            n += count;
            if (!Double.isFinite(v)) {
                nonfinite += count;
                return;
            }
            signed.addRepeated(v, count);
            if (v == 0) {
                zeros += count;
                return;
            }
            double magnitude = Math.abs(v);
            logAbs.addRepeated(Math.log(magnitude), count);
            abs.addRepeated(magnitude, count);
            square.addRepeated(v * v, count);
            minAbs = Math.min(minAbs, magnitude);
            maxAbs = Math.max(maxAbs, magnitude);
        }
    }
}
