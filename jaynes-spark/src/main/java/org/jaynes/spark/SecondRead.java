package org.jaynes.spark;

import java.io.Serializable;
import org.apache.spark.api.java.function.Function;
import org.jaynes.core.analysis.Segment;
import org.jaynes.core.stats.LogAbsHistogram;
import org.jaynes.core.stats.Refinement;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.survey.InProcessEngine;

/**
 * The second read of a task's segments, on a worker: the values of the population's refined cells and of
 * the pool's further cells, each counted in fine cells. Counts add exactly, so the driver may merge the
 * tasks' counts in any order.
 */
final class SecondRead implements Function<ReadTask, TaskOutcome<SecondRead.Counts>> {

    private static final long serialVersionUID = 1L;

    /** The fine counts of a task: for the population and for the pool; null where nothing was asked. */
    record Counts(LogAbsHistogram counted, LogAbsHistogram pooled) implements Serializable {
    }

    @Override
    public TaskOutcome<Counts> call(ReadTask task) {
        try {
            Tensor tensor = ExecutorModels.tensor(task.model(), task.tensor());
            Refinement.Counter own = task.counted() == null ? null : task.counted().counter();
            Refinement.Counter pool = task.pooled() == null ? null : task.pooled().counter();
            for (Segment segment : task.segments()) {
                segment.read(tensor, ExecutorModels.scratch(), window -> {
                    if (own != null) {
                        own.count(window.duplicate());
                    }
                    if (pool != null) {
                        pool.count(window.duplicate());
                    }
                });
            }
            return TaskOutcome.of(new Counts(drained(own), drained(pool)));
        } catch (Exception e) {
            return TaskOutcome.failed(InProcessEngine.failure(e));
        }
    }

    private static LogAbsHistogram drained(Refinement.Counter counter) {
        if (counter == null) {
            return null;
        }
        LogAbsHistogram fine = new LogAbsHistogram();
        counter.drainInto(fine);
        return fine;
    }
}
