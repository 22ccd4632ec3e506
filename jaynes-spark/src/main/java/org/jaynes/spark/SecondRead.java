package org.jaynes.spark;

import java.io.Serializable;
import java.util.ArrayList;
import org.apache.spark.api.java.function.Function;
import org.jaynes.core.stats.LogAbsHistogram;
import org.jaynes.core.stats.Refinement;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.spark.hadoop.FileVersions;
import org.jaynes.survey.InProcessEngine;

/**
 * The second read of a task's segments, on a worker: the values of each population's refined cells, and
 * of the pool's further cells, counted in fine cells. Counts add exactly, so the driver may merge the
 * tasks' counts in any order.
 */
final class SecondRead implements Function<ReadTask, TaskOutcome<SecondRead.Counts>> {

    private static final long serialVersionUID = 1L;

    /** A population's fine counts from one task; null when its cells were not asked for. */
    record PopulationCounts(int population, LogAbsHistogram counted) implements Serializable {
    }

    /** The fine counts of a task: per population of its segments, and for the pool. */
    record Counts(ArrayList<PopulationCounts> populations, LogAbsHistogram pooled) implements Serializable {
    }

    @Override
    public TaskOutcome<Counts> call(ReadTask task) {
        try {
            return task.model().versions().whilePinned(() -> read(task));
        } catch (Exception e) {
            return TaskOutcome.failed(InProcessEngine.failure(e));
        }
    }

    /** The fine counts of the task's segments, with the versions of its model's files pinned. */
    private static TaskOutcome<Counts> read(ReadTask task) throws Exception {
        ArrayList<PopulationCounts> populations = new ArrayList<>();
        LogAbsHistogram pooled = new LogAbsHistogram();
        Refinement.Counter own = null;
        Refinement.Counter pool = null;
        for (int i = 0; i < task.pieces().size(); i++) {
            ReadTask.Piece piece = task.pieces().get(i);
            if (i == 0 || piece.population() != task.pieces().get(i - 1).population()) {
                own = piece.counted() == null ? null : piece.counted().counter();
                pool = piece.pooled() == null ? null : piece.pooled().counter();
            }
            Tensor tensor = ExecutorModels.tensor(task.model(), piece.tensor());
            Refinement.Counter ownCounter = own;
            Refinement.Counter poolCounter = pool;
            piece.segment().read(tensor, ExecutorModels.scratch(), window -> {
                if (ownCounter != null) {
                    ownCounter.count(window);
                }
                if (poolCounter != null) {
                    poolCounter.count(window);
                }
            });
            boolean lastOfPopulation = i + 1 == task.pieces().size()
                    || task.pieces().get(i + 1).population() != piece.population();
            if (lastOfPopulation) {
                populations.add(new PopulationCounts(piece.population(), drained(own)));
                if (pool != null) {
                    pool.drainInto(pooled);
                }
            }
        }
        return TaskOutcome.of(new Counts(populations, pooled));
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
