package org.jaynes.core.stats;

import java.io.Serializable;
import java.nio.ByteBuffer;
import org.jaynes.core.tensor.DType;

/**
 * Streams over the bytes of one population and summarises it, in memory that does not grow with the
 * population. Partial accumulators (one per window, thread or shard) combine with {@link #merge}.
 *
 * <p>Three kinds: 8- and 16-bit dtypes count bit patterns and compute every statistic exactly from the
 * counts; wider dtypes keep exact moments and a fine histogram of ln|w| ({@link LogAbsHistogram}) in one
 * pass ({@link StreamingAccumulator}), or, for f32 tensors that can be read twice, coarse cells refined
 * where it matters in a second pass ({@link RefiningAccumulator}).
 * Serializable, so that partial accumulators made on other machines can be merged (caches of cells are
 * left out and rebuilt). Not thread-safe.
 */
public sealed interface PopulationAccumulator extends Serializable
        permits PatternAccumulator, StreamingAccumulator, RefiningAccumulator {

    /** A new, empty accumulator for values of {@code dtype}. */
    static PopulationAccumulator of(DType dtype) {
        return dtype.byteSize() <= 2 ? new PatternAccumulator(dtype) : new StreamingAccumulator(dtype);
    }

    /** Adds every element in {@code window} (position to limit, little-endian, whole elements). */
    void accept(ByteBuffer window);

    /** Adds everything {@code other} (an accumulator of the same dtype) has seen. */
    void merge(PopulationAccumulator other);

    /** Adds everything this accumulator has seen to a (pooled) streaming accumulator. */
    void addTo(StreamingAccumulator pooled);

    /** Adds everything this accumulator has seen to a (pooled) refining accumulator. */
    void addTo(RefiningAccumulator pooled);

    /** The distribution of ln|w| as cells, for the distribution-free statistics. */
    ValueCells cells();

    /** The sums and cells the distribution fits need. */
    FitInput fitInput();

    /** The summary of everything seen so far. */
    PopulationStats result();
}
