package org.jaynes.core.stats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jaynes.core.tensor.DType;

/**
 * Summarises wide values (f32, f64 and integers) in one pass: exact moments of w and of ln|w| through
 * {@link Moments}, and a {@link LogAbsHistogram} for the KS distance, whose error is then at most
 * 2^-17/(σ√(2π)) ≈ 3.0e-6/σ and is reported with it. Also the pooled accumulator of a whole model.
 */
public final class StreamingAccumulator implements PopulationAccumulator {

    private static final long serialVersionUID = 1L;

    private static final int BLOCK = 1024;

    private final DType dtype;
    /** Moments of every value, n, zeros and non-finite values; f32 chunks summed as in RefiningAccumulator. */
    private final FloatMoments moments = new FloatMoments();
    private final Moments signed = moments.signed;
    private final Moments logAbs = moments.logAbs;
    private final Moments abs = moments.abs;
    private final LogAbsHistogram histogram = new LogAbsHistogram();
    private final double[] signedBlock = new double[BLOCK];
    private final double[] logBlock = new double[BLOCK];
    private final double[] absBlock = new double[BLOCK];
    private final int[] bitsBlock = new int[BLOCK];
    private final int[] keyBlock = new int[BLOCK];
    private int signedFill;
    private int logFill;
    /** Smallest and largest |w| of the values added as doubles (f32 values: in {@link #moments}). */
    private double minAbs = Double.POSITIVE_INFINITY;
    private double maxAbs;

    /** An accumulator for values of {@code dtype}; the pooled accumulator of a model uses F64. */
    public StreamingAccumulator(DType dtype) {
        this.dtype = dtype;
    }

    @Override
    public void accept(ByteBuffer window) {
        ByteBuffer bytes = window.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32 -> {
                var ints = bytes.asIntBuffer();
                for (int start = 0, count = ints.remaining(); start < count; start += BLOCK) {
                    int length = Math.min(BLOCK, count - start);
                    ints.get(start, bitsBlock, 0, length);
                    acceptBits(length);
                }
            }
            case F64 -> {
                var doubles = bytes.asDoubleBuffer();
                for (int i = 0, count = doubles.remaining(); i < count; i++) {
                    add(doubles.get(i));
                }
            }
            case I32 -> {
                var ints = bytes.asIntBuffer();
                for (int i = 0, count = ints.remaining(); i < count; i++) {
                    add(ints.get(i));
                }
            }
            case I64 -> {
                var longs = bytes.asLongBuffer();
                for (int i = 0, count = longs.remaining(); i < count; i++) {
                    add(longs.get(i));
                }
            }
            default -> throw new IllegalStateException("no streaming path for " + dtype);
        }
        flush();
    }

    /** Adds the first {@code length} values of {@code values}: how generated populations are summarised. */
    public void accept(double[] values, int length) {
        for (int i = 0; i < length; i++) {
            add(values[i]);
        }
        flush();
    }

    /** Adds the first {@code length} values of {@code values}: how captured neuron outputs are summarised. */
    public void accept(float[] values, int length) {
        flush();
        for (int start = 0; start < length; start += BLOCK) {
            int count = Math.min(BLOCK, length - start);
            for (int i = 0; i < count; i++) {
                bitsBlock[i] = Float.floatToRawIntBits(values[start + i]);
            }
            acceptBits(count);
        }
    }

    /**
     * The f32 values whose bits fill the first {@code length} places of {@link #bitsBlock}: moments by
     * {@link FloatMoments}; histogram keys computed in one loop and counted in another, so the cache misses
     * of the counts overlap, or value by value for a chunk with a zero, a subnormal or a non-finite value.
     */
    private void acceptBits(int length) {
        if (moments.accept(bitsBlock, length, b -> histogram.accept(Float.intBitsToFloat(b)))) {
            for (int i = 0; i < length; i++) {
                keyBlock[i] = LogAbsHistogram.key(Float.intBitsToFloat(bitsBlock[i]));
            }
            histogram.acceptKeys(keyBlock, length);
        }
    }

    private void add(double w) {
        moments.n++;
        if (!Double.isFinite(w)) {
            moments.nonfinite++;
            return;
        }
        signedBlock[signedFill++] = w;
        if (signedFill == BLOCK) {
            signed.addBlock(signedBlock, BLOCK);
            signedFill = 0;
        }
        if (w == 0) {
            moments.zeros++;
            return;
        }
        double magnitude = Math.abs(w);
        histogram.accept(w);
        minAbs = Math.min(minAbs, magnitude);
        maxAbs = Math.max(maxAbs, magnitude);
        absBlock[logFill] = magnitude;
        logBlock[logFill++] = Math.log(magnitude);
        if (logFill == BLOCK) {
            flushMagnitudes();
        }
    }

    private void flushMagnitudes() {
        logAbs.addBlock(logBlock, logFill);
        abs.addBlock(absBlock, logFill);
        logFill = 0;
    }

    private void flush() {
        signed.addBlock(signedBlock, signedFill);
        signedFill = 0;
        flushMagnitudes();
    }

    /** Adds {@code count} copies of {@code w}: how exact pattern counts join a pooled accumulator. */
    void addRepeated(double w, long count) {
        if (moments.addRepeated(w, count)) {
            histogram.add(w, count);
            minAbs = Math.min(minAbs, Math.abs(w));
            maxAbs = Math.max(maxAbs, Math.abs(w));
        }
    }

    @Override
    public void merge(PopulationAccumulator other) {
        if (!(other instanceof StreamingAccumulator that)) {
            throw new IllegalArgumentException("cannot merge " + other + " into a streaming accumulator");
        }
        that.addTo(this);
    }

    @Override
    public void addTo(StreamingAccumulator pooled) {
        pooled.moments.merge(moments);
        pooled.minAbs = Math.min(pooled.minAbs, minAbs);
        pooled.maxAbs = Math.max(pooled.maxAbs, maxAbs);
        pooled.histogram.merge(histogram);
    }

    @Override
    public void addTo(RefiningAccumulator pooled) {
        pooled.addExactly(moments, minAbs(), maxAbs(), histogram);
    }

    @Override
    public ValueCells cells() {
        return histogram;
    }

    @Override
    public FitInput fitInput() {
        // Zeros add nothing to Σw², so the mean square of the non-zero values follows from the moments of w.
        double sumOfSquares = signed.count() * (signed.variance() + signed.mean() * signed.mean());
        double meanSquare = logAbs.count() == 0 ? Double.NaN : sumOfSquares / logAbs.count();
        return new FitInput(logAbs.count(), logAbs.mean(), logAbs.variance(), abs.mean(), meanSquare, minAbs(),
                maxAbs(), histogram);
    }

    private double minAbs() {
        return Math.min(minAbs, moments.minAbs());
    }

    private double maxAbs() {
        return Math.max(maxAbs, moments.maxAbs());
    }

    @Override
    public PopulationStats result() {
        KsDistance ks = KsDistance.toNormal(histogram, logAbs.count(), logAbs.mean(), logAbs.standardDeviation());
        return new PopulationStats(moments.n, moments.zeros, moments.nonfinite, signed.mean(),
                signed.standardDeviation(), logAbs.mean(), logAbs.standardDeviation(), ks.value(), ks.errorBound());
    }
}
