package org.jaynes.spark;

import org.apache.spark.api.java.function.Function;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.survey.InProcessEngine;

/** A {@link FitTask} run on an executor; a failure comes back as its one-line reason, as a read's does. */
final class ExecutorFit implements Function<FitTask, TaskOutcome<LayerResult>> {

    private static final long serialVersionUID = 1L;

    private final AnalysisOptions options;

    ExecutorFit(AnalysisOptions options) {
        this.options = options;
    }

    @Override
    public TaskOutcome<LayerResult> call(FitTask task) {
        try {
            return TaskOutcome.of(task.analyse(options));
        } catch (RuntimeException e) {
            return TaskOutcome.failed(InProcessEngine.failure(e));
        }
    }
}
