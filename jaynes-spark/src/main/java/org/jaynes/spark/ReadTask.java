package org.jaynes.spark;

import java.io.Serializable;
import java.util.List;
import org.jaynes.core.analysis.Segment;
import org.jaynes.core.stats.Refinement;

/**
 * One task of a survey on Spark: consecutive segments of one population of one model. The first read
 * summarises each segment into an accumulator of its own; the second counts, in fine cells, the values of
 * the cells the population wants refined ({@code counted}) and of those the pool wants besides
 * ({@code pooled}); either may be null when there are none.
 *
 * @param tensor the population's index among the model's tensors
 */
record ReadTask(ModelLocation model, int tensor, List<Segment> segments, Refinement counted, Refinement pooled)
        implements Serializable {

    ReadTask {
        segments = List.copyOf(segments);
    }
}
