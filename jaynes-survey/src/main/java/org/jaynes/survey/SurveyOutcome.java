package org.jaynes.survey;

/**
 * What became of one model of a survey: analysed in this run, its report reused from an earlier run (the
 * model unchanged since), or failed, with the one-line reason.
 */
public sealed interface SurveyOutcome {

    SurveyInput input();

    /** The word for it in the survey's manifest. */
    String status();

    /** Analysed in this run; {@code bytes} is the size of the model read. */
    record Analysed(SurveyInput input, long bytes) implements SurveyOutcome {
        @Override
        public String status() {
            return "analysed";
        }
    }

    /** Its report was current: not read again. */
    record Reused(SurveyInput input) implements SurveyOutcome {
        @Override
        public String status() {
            return "reused";
        }
    }

    /** Could not be analysed; the survey went on without it. */
    record Failed(SurveyInput input, String reason) implements SurveyOutcome {
        @Override
        public String status() {
            return "failed";
        }
    }
}
