package org.jaynes.survey;

import java.util.List;
import org.jaynes.core.analysis.UniversalityTest;

/**
 * The outcome of every model of a survey, in survey order, the number of layer rows written, and per role
 * whether σ is the same across models.
 */
public record SurveyResult(List<SurveyOutcome> outcomes, long rows, List<UniversalityTest.RoleResult> universality) {

    public SurveyResult {
        outcomes = List.copyOf(outcomes);
        universality = List.copyOf(universality);
    }

    /** The models that failed, in survey order. */
    public List<SurveyOutcome.Failed> failures() {
        return outcomes.stream().filter(SurveyOutcome.Failed.class::isInstance).map(SurveyOutcome.Failed.class::cast)
                .toList();
    }

    /** Bytes of model files read in this run. */
    public long bytesRead() {
        return outcomes.stream().filter(SurveyOutcome.Analysed.class::isInstance)
                .mapToLong(o -> ((SurveyOutcome.Analysed) o).bytes()).sum();
    }
}
