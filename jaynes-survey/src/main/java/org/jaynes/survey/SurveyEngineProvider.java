package org.jaynes.survey;

import java.util.Map;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.formats.ModelOpener;

/**
 * Makes a {@link SurveyEngine} that runs elsewhere than in this process: the Spark module registers one
 * under {@code META-INF/services}, so that the command line finds it through {@link java.util.ServiceLoader}
 * when it is on the class path and does not carry it otherwise.
 */
public interface SurveyEngineProvider {

    /**
     * An engine on {@code master} ({@code local[*]}, {@code spark://host:7077}, …) with the engine's own
     * {@code properties} ({@code spark.executor.memory}, {@code spark.hadoop.fs.s3a.endpoint}, …).
     *
     * @throws SurveyInputException when the master is not one the engine knows or cannot be reached, or a
     *                              property is not one of the engine's
     */
    SurveyEngine open(String master, Map<String, String> properties, AnalysisOptions options, ModelOpener opener)
            throws SurveyInputException;
}
