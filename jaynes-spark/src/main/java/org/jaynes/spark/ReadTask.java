package org.jaynes.spark;

import java.io.Serializable;
import java.util.List;
import org.jaynes.core.analysis.Segment;
import org.jaynes.core.stats.Refinement;

/**
 * One task of a survey on Spark: consecutive segments of one model, of one population or of several
 * small ones, in the order {@link Segment#of} gives them.
 */
record ReadTask(ModelLocation model, List<Piece> pieces) implements Serializable {

    ReadTask {
        pieces = List.copyOf(pieces);
    }

    /**
     * One segment and what to do with it. The first read summarises it into an accumulator of its own;
     * the second counts, in fine cells, the values of the cells its population wants refined
     * ({@code counted}) and of those the pool wants besides ({@code pooled}); either may be null when
     * there are none.
     *
     * @param tensor the population's index among the model's tensors
     */
    record Piece(int tensor, Segment segment, Refinement counted, Refinement pooled) implements Serializable {

        int population() {
            return segment.population();
        }
    }
}
