package org.jaynes.survey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;

/**
 * The survey engine of this process: one model after another, each with every thread the options give.
 * Memory holds one model's analysis at a time.
 *
 * @param options the options of every model's analysis
 * @param opener  opens each model
 */
public record InProcessEngine(AnalysisOptions options, ModelOpener opener) implements SurveyEngine {

    @Override
    public void analyse(List<Job> jobs, Results results, SurveyListener listener) throws IOException {
        ModelAfterModel.run(jobs, results, listener,
                (input, progress) -> new ModelAnalyzer(options).analyze(opener.open(input.path()), progress));
    }

    /**
     * The one-line reason a model failed, for the failures table: the message of bad input or an I/O
     * failure; a defect met on one model of a zoo keeps its type, so that the survey can go on and report it.
     */
    public static String failure(Exception e) {
        boolean input = e instanceof ModelFormatException || e instanceof IOException
                || e instanceof UncheckedIOException;
        return MessageText.escaped(input ? String.valueOf(e.getMessage())
                : e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
