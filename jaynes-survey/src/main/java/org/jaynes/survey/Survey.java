package org.jaynes.survey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.model.Model;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;

/**
 * Analyses many models, one after the other in this process, each with every thread the options give, and
 * writes into one output folder: each model's JSON report (in {@code reports/}), the table of every layer
 * of every model ({@link SurveyTables}), and the failures. A model whose report from an earlier run is
 * still current ({@link ModelKey}) is not read again. A model that cannot be read is a failure with its
 * one-line reason, and the survey goes on. Memory holds one model's analysis at a time.
 */
public final class Survey {

    /** The folder of the models' reports, inside the output folder. */
    public static final String REPORTS = "reports";

    private final AnalysisOptions options;
    private final ModelOpener opener;
    private final String toolVersion;

    public Survey(AnalysisOptions options, ModelOpener opener, String toolVersion) {
        this.options = options;
        this.opener = opener;
        this.toolVersion = toolVersion;
    }

    /** Surveys {@code inputs} into {@code out} (created if missing). */
    public SurveyResult run(List<SurveyInput> inputs, Path out, SurveyListener listener)
            throws IOException, SurveyInputException {
        SurveyTables.checkWritable(out);
        ReportStore store = new ReportStore(out.resolve(REPORTS));
        List<ModelKey> keys = new ArrayList<>();
        long bytes = 0;
        for (SurveyInput input : inputs) {
            ModelKey key = ModelKey.of(input.path());
            keys.add(key);
            bytes += key.size();
        }
        List<SurveyOutcome> outcomes = new ArrayList<>();
        long bytesDone = 0;
        for (int i = 0; i < inputs.size(); i++) {
            SurveyInput input = inputs.get(i);
            ModelKey key = keys.get(i);
            listener.progress(i, inputs.size(), bytesDone, bytes);
            outcomes.add(store.isCurrent(input.id(), key) ? new SurveyOutcome.Reused(input)
                    : analyse(input, key, store, i, inputs.size(), bytesDone, bytes, listener));
            bytesDone += key.size();
        }
        listener.progress(inputs.size(), inputs.size(), bytesDone, bytes);
        return SurveyTables.write(out, outcomes, store, toolVersion);
    }

    /** Rebuilds the tables of the survey in {@code out} from its saved reports, reading no model. */
    public static SurveyResult rebuild(Path out, String toolVersion) throws IOException, SurveyInputException {
        List<SurveyOutcome> outcomes = SurveyTables.readManifest(out);
        return SurveyTables.write(out, outcomes, new ReportStore(out.resolve(REPORTS)), toolVersion);
    }

    private SurveyOutcome analyse(SurveyInput input, ModelKey key, ReportStore store, int index, int models,
                                  long bytesBefore, long bytes, SurveyListener listener) throws IOException {
        AnalysisResult result;
        try {
            Model model = opener.open(input.path());
            result = new ModelAnalyzer(options).analyze(model, (done, total, tensorsDone, tensors) ->
                    listener.progress(index, models, bytesBefore + Math.min(done, key.size()), bytes));
        } catch (ModelFormatException | IOException | UncheckedIOException e) {
            return new SurveyOutcome.Failed(input, MessageText.escaped(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            // A defect met on one model of a zoo: recorded with its type, so the survey can go on and report it.
            return new SurveyOutcome.Failed(input, MessageText.escaped(e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        }
        store.save(input.id(), key, result, toolVersion);
        return new SurveyOutcome.Analysed(input, key.size());
    }

    /** Whether {@code out} holds a survey that {@link #rebuild} can read. */
    public static boolean isSurvey(Path out) {
        return Files.isRegularFile(out.resolve(SurveyTables.MANIFEST));
    }
}
