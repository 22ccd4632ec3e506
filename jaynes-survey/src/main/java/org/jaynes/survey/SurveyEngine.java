package org.jaynes.survey;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.formats.ModelOpener;

/**
 * How a survey's models are analysed: one after another in this process ({@link InProcessEngine}), or on
 * a cluster (the Spark module's engine, found through {@link SurveyEngineProvider}). Every engine gives
 * each model the analysis {@code jaynes analyze} gives it, value for value.
 */
public interface SurveyEngine extends AutoCloseable {

    /** One model to analyse and the bytes of its files (for progress). */
    record Job(SurveyInput input, long bytes) {
    }

    /** Receives each model's analysis, or the one-line reason it failed, by its index in the jobs. */
    interface Results {

        void analysed(int job, AnalysisResult result) throws IOException;

        void failed(int job, String reason);
    }

    /** The options every model is analysed with: a report's key and the survey's manifest hold them. */
    AnalysisOptions options();

    /** The opener of the models' headers, from which a survey learns which files each model reads. */
    default ModelOpener opener() {
        return ModelOpener.standard();
    }

    /** Analyses {@code jobs}, handing every one's outcome to {@code results}, and reports progress. */
    void analyse(List<Job> jobs, Results results, SurveyListener listener) throws IOException;

    /**
     * The path of an argument that names a model by URI ({@code hdfs://…}, {@code s3a://…}), on a file
     * system this engine reads; empty when it reads no such file systems.
     *
     * @throws SurveyInputException when the URI cannot be read (an unknown scheme, a file system that
     *                              cannot be reached)
     */
    default Optional<Path> locate(String uri) throws SurveyInputException {
        return Optional.empty();
    }

    /** Releases what the engine holds (a cluster's connection); the in-process engine holds nothing. */
    @Override
    default void close() {
    }
}
