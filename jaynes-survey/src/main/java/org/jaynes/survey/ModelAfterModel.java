package org.jaynes.survey;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;

/**
 * The loop of an engine that analyses a survey's models one after another (in this process, or each spread
 * over a cluster): each model's outcome handed on, a model that fails recorded with its reason
 * ({@link InProcessEngine#failure}) while the others go on, and the survey's progress in models and bytes.
 * Outcomes are handed on in job order on the calling thread, also when several analyses run at once
 * ({@link #run(List, SurveyEngine.Results, SurveyListener, Analysis, int)}).
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
        Totals totals = new Totals(jobs, listener);
        for (int i = 0; i < jobs.size(); i++) {
            SurveyEngine.Job job = jobs.get(i);
            int index = i;
            long before = totals.bytesDone;
            listener.progress(i, jobs.size(), before, totals.bytes);
            AnalysisResult result;
            try {
                result = analysis.analyse(job.input(), (done, total, tensorsDone, tensors) ->
                        listener.progress(index, jobs.size(), before + Math.min(done, job.bytes()), totals.bytes));
            } catch (Exception e) {
                totals.failed(i, results, e);
                continue;
            }
            totals.analysed(i, results, result);
        }
        totals.finished();
    }

    /**
     * As {@link #run(List, SurveyEngine.Results, SurveyListener, Analysis)}, but with up to {@code inFlight}
     * analyses running at once, each on a thread of its own, so that one model's waits (a cluster's job
     * barriers, the driver's own steps) are filled by the next models' work. Progress is reported per model.
     * Holds at most {@code inFlight} results that are not yet handed on.
     */
    public static void run(List<SurveyEngine.Job> jobs, SurveyEngine.Results results, SurveyListener listener,
                           Analysis analysis, int inFlight) throws IOException {
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight < 1: " + inFlight);
        }
        Totals totals = new Totals(jobs, listener);
        ExecutorService threads = ModelAnalyzer.workers("jaynes-model", inFlight);
        try {
            Deque<Future<AnalysisResult>> running = new ArrayDeque<>();
            int submitted = 0;
            for (int i = 0; i < jobs.size(); i++) {
                while (submitted < jobs.size() && submitted < i + inFlight) {
                    SurveyInput input = jobs.get(submitted++).input();
                    running.add(threads.submit(() -> analysis.analyse(input, ProgressListener.NONE)));
                }
                listener.progress(i, jobs.size(), totals.bytesDone, totals.bytes);
                AnalysisResult result;
                try {
                    result = awaitNext(running);
                } catch (Exception e) {
                    totals.failed(i, results, e);
                    continue;
                }
                totals.analysed(i, results, result);
            }
        } finally {
            threads.shutdownNow();
        }
        totals.finished();
    }

    /** The next result, or what its analysis threw (not wrapped). */
    private static AnalysisResult awaitNext(Deque<Future<AnalysisResult>> running) throws Exception {
        try {
            return running.remove().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a model was analysed", e);
        }
    }

    /** The models' bytes, those done so far, and the handing on of each outcome. */
    private static final class Totals {

        private final List<SurveyEngine.Job> jobs;
        private final SurveyListener listener;
        private final long bytes;
        private long bytesDone;

        Totals(List<SurveyEngine.Job> jobs, SurveyListener listener) {
            this.jobs = jobs;
            this.listener = listener;
            bytes = jobs.stream().mapToLong(SurveyEngine.Job::bytes).sum();
        }

        void analysed(int job, SurveyEngine.Results results, AnalysisResult result) throws IOException {
            results.analysed(job, result);
            bytesDone += jobs.get(job).bytes();
        }

        void failed(int job, SurveyEngine.Results results, Exception e) {
            results.failed(job, InProcessEngine.failure(e));
            bytesDone += jobs.get(job).bytes();
        }

        void finished() {
            listener.progress(jobs.size(), jobs.size(), bytesDone, bytes);
        }
    }
}
