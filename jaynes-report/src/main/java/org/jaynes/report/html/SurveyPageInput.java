package org.jaynes.report.html;

import java.util.List;
import java.util.OptionalLong;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.UniversalityTest;

/**
 * What the survey page shows: each model (or checkpoint) with its layers' key numbers, the models that
 * failed, and per role whether σ is the same across models.
 *
 * @param series  whether the models are the checkpoints of one run, ordered by step
 * @param options the options every model was analysed with
 */
public record SurveyPageInput(String title, boolean series, AnalysisOptions options, List<Model> models,
                              List<Failure> failures, List<UniversalityTest.RoleResult> universality) {

    public SurveyPageInput {
        models = List.copyOf(models);
        failures = List.copyOf(failures);
        universality = List.copyOf(universality);
    }

    /** One layer of a model: where it sits and what {@code analyze} found; NaN or "" where a number is missing. */
    public record Layer(String name, String role, double relativeDepth, double sigma, double normalizedMu, double ks,
                        double gap, String best) {
    }

    /** A model of the survey with its layers in file order. */
    public record Model(String id, OptionalLong step, String path, List<Layer> layers) {

        public Model {
            layers = List.copyOf(layers);
        }
    }

    /** A model that could not be analysed, with its one-line reason. */
    public record Failure(String id, String path, String reason) {
    }
}
