package org.jaynes.core.analysis;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.jaynes.core.stats.LogAbsHistogram;
import org.jaynes.core.stats.RefiningAccumulator;
import org.jaynes.core.stats.Refinement;
import org.jaynes.core.stats.StreamingAccumulator;
import org.jaynes.core.tensor.DType;

/**
 * The outputs of one activation function of a running model, accumulated batch by batch (docs/theory.md §3): the
 * population is |output| over every input and position; exact zeros (ReLU) and negative outputs (GELU) are
 * counted apart, and zeros are left out of the fit. Values are summarised as they come, never kept. Not
 * thread-safe.
 *
 * <p>A site is read once or twice. Read once (the training tracker), it keeps a {@link StreamingAccumulator}:
 * fine cells over every octave the outputs span, up to about 30 MB for a GELU of a transformer. Read twice
 * ({@link ActivationAnalysis#siteReadTwice}: the capture of an ONNX model, which can run its inputs again),
 * it summarises the outputs as f32 weights are summarised: a first pass of exact moments and 65,536 coarse
 * cells (half a megabyte), then, after {@link ActivationAnalysis#startSecondPass}, a second pass over the
 * same outputs ({@link #count}) that counts finely only the cells a statistic of the site or of the pooled
 * population needs (docs/design.md, "Mergeable statistics"). That keeps every site of a model within the
 * heap at once, so one run of the model serves them all.
 *
 * @see ActivationAnalysis
 */
public final class ActivationSite {

    private static final int CHUNK = 1 << 14;

    private final String name;
    private final String tensor;
    private final String function;
    /** Read once: the summary of |output|; null when read twice. */
    private final StreamingAccumulator accumulator;
    /** Read twice: the two-pass summary and its options; null when read once, and once summarised. */
    private RefiningAccumulator refining;
    private final AnalysisOptions options;
    private final float[] chunk = new float[CHUNK];
    private final ByteBuffer chunkBytes;
    private Refinement refinement;
    private Refinement counted;
    private Refinement.Counter counter;
    private long negatives;
    private long width = -1;

    /**
     * @param name     the layer as users know it, e.g. {@code encoder.layer.0.intermediate.gelu}
     * @param tensor   the name of the output in the model's graph
     * @param function what produced the values, e.g. {@code gelu}, {@code attention-probabilities}
     */
    public ActivationSite(String name, String tensor, String function) {
        this(name, tensor, function, null);
    }

    /** A site read twice, refined for an analysis under {@code options}. */
    ActivationSite(String name, String tensor, String function, AnalysisOptions options) {
        this.name = name;
        this.tensor = tensor;
        this.function = function;
        boolean twice = options != null;
        this.accumulator = twice ? null : new StreamingAccumulator(DType.F32);
        this.refining = twice ? new RefiningAccumulator() : null;
        this.options = options;
        this.chunkBytes = twice ? ByteBuffer.allocate(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN) : null;
    }

    public String name() {
        return name;
    }

    public String tensor() {
        return tensor;
    }

    public String function() {
        return function;
    }

    /**
     * Adds a batch of outputs (the first pass of a site read twice).
     *
     * @param shape  the output's shape; its last dimension is the layer's width when every batch has the same
     * @param values the remaining values of the buffer, read from its position without moving it
     */
    public void accept(long[] shape, FloatBuffer values) {
        if (shape.length > 0) {
            long last = shape[shape.length - 1];
            width = width == -1 || width == last ? last : 0;
        }
        FloatBuffer view = values.duplicate();
        while (view.hasRemaining()) {
            int length = Math.min(CHUNK, view.remaining());
            view.get(chunk, 0, length);
            accept(chunk, length);
        }
    }

    /** Adds the first {@code length} values of {@code values} (the first pass of a site read twice). */
    public void accept(float[] values, int length) {
        long below = 0;
        for (int i = 0; i < length; i++) {
            if (values[i] < 0) {
                below++;
            }
        }
        negatives += below;
        if (!readTwice()) {
            accumulator.accept(values, length);
        } else {
            for (int start = 0; start < length; start += CHUNK) {
                refining.accept(bytes(values, start, Math.min(CHUNK, length - start)));
            }
        }
    }

    /** Whether this site is read twice (its second pass: {@link #count}). */
    public boolean readTwice() {
        return options != null;
    }

    /**
     * Ends the first pass: from now on {@link #count} takes the same outputs again, in any batching, and
     * counts finely the cells of this site's statistics and those of {@code pooled}.
     */
    void startSecondPass(Refinement pooled) {
        if (refining == null || counter != null) { // read once, or already in (or past) its second pass
            throw new IllegalStateException("site " + name + " is not read twice or is already in its second pass");
        }
        refinement = refining.refinement(RefinementPlaces.of(refining.fitInput(), options));
        counted = refinement.and(pooled);
        counter = counted.counter();
    }

    /** Counts a batch of outputs again, in the second pass; the buffer's position does not move. */
    public void count(FloatBuffer values) {
        FloatBuffer view = values.duplicate();
        while (view.hasRemaining()) {
            int length = Math.min(CHUNK, view.remaining());
            view.get(chunk, 0, length);
            counter.count(bytes(chunk, 0, length));
        }
    }

    /**
     * Ends the second pass: the cells of this site's statistics replace their coarse cells, the site is added
     * to the pool with all its fine counts (under the pool's lock: sites finish on several threads), and the
     * summary is handed over. The
     * site lets its accumulator go, whose fine cells (about 15 MB for a transformer's GELU) the sites of a
     * model cannot all hold at once; it cannot be summarised again.
     *
     * @throws UncheckedIOException when the second pass saw other values than the first
     */
    PopulationSummary finishSecondPass(RefiningAccumulator pooled) {
        LogAbsHistogram fine = new LogAbsHistogram();
        counter.drainInto(fine);
        refining.refine(refinement, counted, fine);
        synchronized (pooled) {
            refining.addTo(pooled);
        }
        PopulationSummary summary = PopulationSummary.of(refining);
        refining = null;
        counter = null;
        counted = null;
        refinement = null;
        return summary;
    }

    /** Adds the first pass of a site read twice to {@code pooled}. */
    void addFirstPassTo(RefiningAccumulator pooled) {
        refining.addFirstPassTo(pooled);
    }

    /** {@code values[start, start + length)}, at most {@value #CHUNK} of them, as little-endian f32 bytes. */
    private ByteBuffer bytes(float[] values, int start, int length) {
        chunkBytes.clear();
        chunkBytes.asFloatBuffer().put(values, start, length);
        chunkBytes.limit(length * Float.BYTES);
        return chunkBytes;
    }

    /** Outputs below zero seen so far. */
    public long negatives() {
        return negatives;
    }

    /** The last dimension of every output seen; −1 before any, 0 when it varied (attention over sentences). */
    long width() {
        return width;
    }

    /**
     * The summary of |output| of a site read once, for callers that measure it their own way (the training
     * tracker).
     *
     * @throws IllegalStateException for a site read twice, whose summary is {@link #population()}
     */
    public StreamingAccumulator accumulator() {
        if (accumulator == null) {
            throw new IllegalStateException("site " + name + " is read twice: it has no one-pass summary");
        }
        return accumulator;
    }

    /** The summary of |output| of a site read once (a site read twice hands its summary over once). */
    PopulationSummary summary() {
        return PopulationSummary.of(accumulator());
    }
}
