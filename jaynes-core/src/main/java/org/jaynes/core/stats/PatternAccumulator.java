package org.jaynes.core.stats;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Decoding;

/**
 * Summarises 8- and 16-bit values exactly: it counts each bit pattern (at most 65,536 of them), then
 * computes every statistic from the distinct values and their counts, so the KS distance has no
 * histogram error. Cost: one array increment per element; the summary costs O(patterns log patterns).
 */
public final class PatternAccumulator implements PopulationAccumulator {

    private final DType dtype;
    private final long[] counts;

    PatternAccumulator(DType dtype) {
        if (dtype.byteSize() > 2) {
            throw new IllegalArgumentException("pattern counting needs a dtype of at most 16 bits, not " + dtype);
        }
        this.dtype = dtype;
        this.counts = new long[1 << (8 * dtype.byteSize())];
    }

    @Override
    public void accept(ByteBuffer window) {
        ByteBuffer bytes = window.slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (dtype.byteSize() == 1) {
            for (int i = 0, n = bytes.remaining(); i < n; i++) {
                counts[bytes.get(i) & 0xFF]++;
            }
        } else {
            for (int i = 0, n = bytes.remaining() / 2; i < n; i++) {
                counts[bytes.getShort(2 * i) & 0xFFFF]++;
            }
        }
    }

    @Override
    public void merge(PopulationAccumulator other) {
        if (!(other instanceof PatternAccumulator that) || that.dtype != dtype) {
            throw new IllegalArgumentException("cannot merge " + other + " into a pattern accumulator of " + dtype);
        }
        for (int p = 0; p < counts.length; p++) {
            counts[p] += that.counts[p];
        }
    }

    @Override
    public void addTo(StreamingAccumulator pooled) {
        for (int p = 0; p < counts.length; p++) {
            if (counts[p] != 0) {
                pooled.addRepeated(Decoding.patternToDouble(dtype, p), counts[p]);
            }
        }
    }

    @Override
    public ValueCells cells() {
        Integer[] order = nonZeroFinitePatterns();
        double[] lnValues = new double[order.length];
        long[] cellCounts = new long[order.length];
        int cells = 0;
        double previous = Double.NaN;
        for (Integer p : order) {
            double ln = Math.log(Math.abs(Decoding.patternToDouble(dtype, p)));
            if (cells > 0 && ln == previous) {
                cellCounts[cells - 1] += counts[p];
            } else {
                lnValues[cells] = ln;
                cellCounts[cells++] = counts[p];
                previous = ln;
            }
        }
        return new ExactCells(Arrays.copyOf(lnValues, cells), Arrays.copyOf(cellCounts, cells));
    }

    /** Patterns seen whose value is finite and non-zero, in ascending order of |value|. */
    private Integer[] nonZeroFinitePatterns() {
        return java.util.stream.IntStream.range(0, counts.length)
                .filter(p -> counts[p] != 0)
                .filter(p -> {
                    double v = Decoding.patternToDouble(dtype, p);
                    return v != 0 && Double.isFinite(v);
                })
                .boxed()
                .sorted(Comparator.comparingDouble(p -> Math.abs(Decoding.patternToDouble(dtype, p))))
                .toArray(Integer[]::new);
    }

    @Override
    public PopulationStats result() {
        long n = 0;
        long zeros = 0;
        long nonfinite = 0;
        Moments signed = new Moments();
        Moments logAbs = new Moments();
        for (int p = 0; p < counts.length; p++) {
            long c = counts[p];
            if (c == 0) {
                continue;
            }
            n += c;
            double v = Decoding.patternToDouble(dtype, p);
            if (!Double.isFinite(v)) {
                nonfinite += c;
                continue;
            }
            signed.addRepeated(v, c);
            if (v == 0) {
                zeros += c;
            } else {
                logAbs.addRepeated(Math.log(Math.abs(v)), c);
            }
        }
        KsDistance ks = KsDistance.toNormal(cells(), logAbs.count(), logAbs.mean(), logAbs.standardDeviation());
        return new PopulationStats(n, zeros, nonfinite, signed.mean(), signed.standardDeviation(),
                logAbs.mean(), logAbs.standardDeviation(), ks.value(), ks.errorBound());
    }
}
