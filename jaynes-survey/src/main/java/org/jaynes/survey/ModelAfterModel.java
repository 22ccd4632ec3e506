package org.jaynes.survey;

import java.io.IOException;
import java.util.List;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.ProgressListener;

/**
 * The loop of an engine that analyses a survey's models one after another (in this process, or each spread
 * over a cluster): each model's outcome handed on, a model that fails recorded with its reason
 * ({@link InProcessEngine#failure}) while the others go on, and the survey's progress in models and bytes.
 */
public final class ModelAfterModel {

    /** The analysis of one model, reporting its progress in bytes of the model read. */
    @FunctionalInterface
    public interface Analysis {
        AnalysisResult analyse(SurveyInput input, ProgressListener progress) throws Exception;
    }

    private ModelAfterModel() {
    }

    public static void run(List<SurveyEngine.Job> jobs, SurveyEngine.Results results, SurveyListener listener,
                           Analysis analysis) throws IOException {
        long bytes = jobs.stream().mapToLong(SurveyEngine.Job::bytes).sum();
        long bytesDone = 0;
        for (int i = 0; i < jobs.size(); i++) {
            SurveyEngine.Job job = jobs.get(i);
            int index = i;
            long before = bytesDone;
            listener.progress(i, jobs.size(), before, bytes);
            AnalysisResult result;
            try {
                result = analysis.analyse(job.input(), (done, total, tensorsDone, tensors) ->
                        listener.progress(index, jobs.size(), before + Math.min(done, job.bytes()), bytes));
            } catch (Exception e) {
                results.failed(i, InProcessEngine.failure(e));
                bytesDone += job.bytes();
                continue;
            }
            results.analysed(i, result);
            bytesDone += job.bytes();
        }
        listener.progress(jobs.size(), jobs.size(), bytesDone, bytes);
    }
}
