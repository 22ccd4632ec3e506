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

    private static final int BLOCK = 1024;

    private final DType dtype;
    private final Moments signed = new Moments();
    private final Moments logAbs = new Moments();
    private final Moments abs = new Moments();
    private final LogAbsHistogram histogram = new LogAbsHistogram();
    private final double[] signedBlock = new double[BLOCK];
    private final double[] logBlock = new double[BLOCK];
    private final double[] absBlock = new double[BLOCK];
    private final int[] keyBlock = new int[BLOCK];
    private int signedFill;
    private int logFill;
    private long n;
    private long zeros;
    private long nonfinite;
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
                var floats = bytes.asFloatBuffer();
                float[] chunk = new float[BLOCK];
                for (int start = 0, count = floats.remaining(); start < count; start += BLOCK) {
                    int length = Math.min(BLOCK, count - start);
                    floats.get(start, chunk, 0, length);
                    acceptChunk(chunk, 0, length);
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
        for (int start = 0; start < length; start += BLOCK) {
            acceptChunk(values, start, Math.min(BLOCK, length - start));
            // A chunk with zeros (ReLU outputs) leaves partial blocks; flushing them keeps the next chunk fast.
            flush();
        }
    }

    /**
     * A chunk of f32 values. When the blocks are empty and every value is finite and non-zero (nearly
     * always), the chunk is one block: its histogram keys are computed in one loop and counted in another,
     * so the cache misses of the counts overlap, and the moments take whole blocks. Otherwise value by value.
     */
    private void acceptChunk(float[] chunk, int from, int length) {
        boolean plain = signedFill == 0 && logFill == 0;
        for (int i = 0; plain && i < length; i++) {
            plain = chunk[from + i] != 0 && Float.isFinite(chunk[from + i]);
        }
        if (!plain) {
            for (int i = 0; i < length; i++) {
                add(chunk[from + i]);
            }
            return;
        }
        double min = minAbs;
        double max = maxAbs;
        for (int i = 0; i < length; i++) {
            double w = chunk[from + i];
            double magnitude = Math.abs(w);
            signedBlock[i] = w;
            absBlock[i] = magnitude;
            keyBlock[i] = LogAbsHistogram.key(w);
            min = Math.min(min, magnitude);
            max = Math.max(max, magnitude);
        }
        histogram.acceptKeys(keyBlock, length);
        for (int i = 0; i < length; i++) {
            logBlock[i] = Math.log(absBlock[i]);
        }
        minAbs = min;
        maxAbs = max;
        n += length;
        signed.addBlock(signedBlock, length);
        logAbs.addBlock(logBlock, length);
        abs.addBlock(absBlock, length);
    }

    private void add(double w) {
        n++;
        if (!Double.isFinite(w)) {
            nonfinite++;
            return;
        }
        signedBlock[signedFill++] = w;
        if (signedFill == BLOCK) {
            signed.addBlock(signedBlock, BLOCK);
            signedFill = 0;
        }
        if (w == 0) {
            zeros++;
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
        n += count;
        if (!Double.isFinite(w)) {
            nonfinite += count;
            return;
        }
        signed.addRepeated(w, count);
        if (w == 0) {
            zeros += count;
            return;
        }
        double magnitude = Math.abs(w);
        histogram.add(w, count);
        minAbs = Math.min(minAbs, magnitude);
        maxAbs = Math.max(maxAbs, magnitude);
        logAbs.addRepeated(Math.log(magnitude), count);
        abs.addRepeated(magnitude, count);
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
        pooled.n += n;
        pooled.zeros += zeros;
        pooled.nonfinite += nonfinite;
        pooled.signed.merge(signed);
        pooled.logAbs.merge(logAbs);
        pooled.abs.merge(abs);
        pooled.minAbs = Math.min(pooled.minAbs, minAbs);
        pooled.maxAbs = Math.max(pooled.maxAbs, maxAbs);
        pooled.histogram.merge(histogram);
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
        return new FitInput(logAbs.count(), logAbs.mean(), logAbs.variance(), abs.mean(), meanSquare, minAbs,
                maxAbs, histogram);
    }

    @Override
    public PopulationStats result() {
        KsDistance ks = KsDistance.toNormal(histogram, logAbs.count(), logAbs.mean(), logAbs.standardDeviation());
        return new PopulationStats(n, zeros, nonfinite, signed.mean(), signed.standardDeviation(),
                logAbs.mean(), logAbs.standardDeviation(), ks.value(), ks.errorBound());
    }
}
