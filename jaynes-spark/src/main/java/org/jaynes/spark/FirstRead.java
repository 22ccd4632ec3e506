package org.jaynes.spark;

import java.util.ArrayList;
import org.apache.spark.api.java.function.Function;
import org.jaynes.core.analysis.AnalysisSteps;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.spark.hadoop.FileVersions;
import org.jaynes.survey.InProcessEngine;

/**
 * The first read of a task's segments, on a worker: one accumulator per segment, in order, not merged,
 * because the driver merges a population's segments in file order as {@code ModelAnalyzer} does, which
 * gives the same sums bit for bit.
 */
final class FirstRead implements Function<ReadTask, TaskOutcome<ArrayList<PopulationAccumulator>>> {

    private static final long serialVersionUID = 1L;

    @Override
    public TaskOutcome<ArrayList<PopulationAccumulator>> call(ReadTask task) {
        try {
            return task.model().versions().whilePinned(() -> read(task));
        } catch (Exception e) {
            return TaskOutcome.failed(InProcessEngine.failure(e));
        }
    }

    /** One accumulator per segment of the task, with the versions of its model's files pinned. */
    private static TaskOutcome<ArrayList<PopulationAccumulator>> read(ReadTask task) throws Exception {
        ArrayList<PopulationAccumulator> parts = new ArrayList<>();
        for (ReadTask.Piece piece : task.pieces()) {
            Tensor tensor = ExecutorModels.tensor(task.model(), piece.tensor());
            PopulationAccumulator part = AnalysisSteps.accumulatorFor(tensor.dtype());
            piece.segment().read(tensor, ExecutorModels.scratch(), part::accept);
            parts.add(part);
        }
        return TaskOutcome.of(parts);
    }
}
