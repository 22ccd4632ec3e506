package org.jaynes.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jaynes.core.analysis.AnalysisResult;
import org.junit.jupiter.api.Test;

class ModelAfterModelTest {

    private static final List<SurveyEngine.Job> JOBS = IntStream.range(0, 5)
            .mapToObj(i -> new SurveyEngine.Job(new SurveyInput(Path.of("m" + i), "m" + i, OptionalLong.empty()), 10))
            .toList();

    /** Records every outcome handed on, in the order it came. */
    private static final class Recorded implements SurveyEngine.Results {
        final List<String> outcomes = new ArrayList<>();
        final List<AnalysisResult> results = new ArrayList<>();

        @Override
        public void analysed(int job, AnalysisResult result) {
            outcomes.add(job + " analysed");
            results.add(result);
        }

        @Override
        public void failed(int job, String reason) {
            outcomes.add(job + " failed: " + reason);
        }
    }

    private static AnalysisResult resultOf(SurveyInput input) {
        return new AnalysisResult(null, null, List.of(), List.of(), null, null);
    }

    @Test
    void modelsInFlightAreHandedOnInJobOrderWhateverOrderTheyFinishIn() throws IOException {
        // Job 0 finishes only once job 2 has started: the analyses must run at once, and job 0 comes first anyway.
        CountDownLatch thirdStarted = new CountDownLatch(1);
        List<AnalysisResult> made = new ArrayList<>();
        Recorded recorded = new Recorded();
        List<long[]> progress = new ArrayList<>();
        ModelAfterModel.run(JOBS, recorded, (done, models, bytesDone, bytes) ->
                progress.add(new long[] {done, models, bytesDone, bytes}), (input, listener) -> {
                    switch (input.id()) {
                        case "m0" -> assertTrue(thirdStarted.await(30, TimeUnit.SECONDS), "job 2 never started");
                        case "m2" -> thirdStarted.countDown();
                        case "m3" -> throw new IOException("m3: truncated");
                        default -> { }
                    }
                    AnalysisResult result = resultOf(input);
                    synchronized (made) {
                        made.add(result);
                    }
                    return result;
                }, 3);
        assertEquals(List.of("0 analysed", "1 analysed", "2 analysed", "3 failed: m3: truncated", "4 analysed"),
                recorded.outcomes);
        assertEquals(4, made.size());
        assertTrue(made.containsAll(recorded.results));
        long[] last = progress.get(progress.size() - 1);
        assertEquals(List.of(5L, 5L, 50L, 50L), List.of(last[0], last[1], last[2], last[3]));
    }

    @Test
    void oneInFlightGivesTheOutcomesOfTheLoopOnThisThread() throws IOException {
        Recorded sequential = new Recorded();
        Recorded inFlight = new Recorded();
        ModelAfterModel.Analysis analysis = (input, listener) -> {
            if (input.id().equals("m1")) {
                throw new IllegalStateException("a defect");
            }
            return resultOf(input);
        };
        ModelAfterModel.run(JOBS, sequential, SurveyListener.NONE, analysis);
        ModelAfterModel.run(JOBS, inFlight, SurveyListener.NONE, analysis, 1);
        assertEquals(sequential.outcomes, inFlight.outcomes);
        assertEquals("1 failed: IllegalStateException: a defect", inFlight.outcomes.get(1));
    }
}
