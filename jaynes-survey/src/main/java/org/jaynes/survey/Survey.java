package org.jaynes.survey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.formats.ModelOpener;

/**
 * Analyses many models and writes into one output folder: each model's JSON report (in {@code reports/}),
 * the table of every layer of every model ({@link SurveyTables}), and the failures. The models are
 * analysed by a {@link SurveyEngine}: in this process ({@link InProcessEngine}) unless another is given.
 * A model whose report from an earlier run is still current ({@link ModelKey}: the same file, analysed with
 * the same options) is not read again. A model
 * that cannot be read is a failure with its one-line reason, and the survey goes on.
 */
public final class Survey {

    /** The folder of the models' reports, inside the output folder. */
    public static final String REPORTS = "reports";

    private final SurveyEngine engine;
    private final String toolVersion;

    /** A survey in this process. */
    public Survey(AnalysisOptions options, ModelOpener opener, String toolVersion) {
        this(new InProcessEngine(options, opener), toolVersion);
    }

    /** A survey whose models {@code engine} analyses. */
    public Survey(SurveyEngine engine, String toolVersion) {
        this.engine = engine;
        this.toolVersion = toolVersion;
    }

    /** Surveys {@code inputs} into {@code out} (created if missing). */
    public SurveyResult run(List<SurveyInput> inputs, Path out, SurveyListener listener)
            throws IOException, SurveyInputException {
        SurveyTables.checkWritable(out);
        ReportStore store = new ReportStore(out.resolve(REPORTS));
        SurveyOutcome[] outcomes = new SurveyOutcome[inputs.size()];
        List<SurveyEngine.Job> jobs = new ArrayList<>();
        List<ModelKey> keys = new ArrayList<>();
        List<Integer> places = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            SurveyInput input = inputs.get(i);
            if (store.isCurrent(input.id(), input.path(), engine.options())) {
                outcomes[i] = new SurveyOutcome.Reused(input);
            } else {
                ModelKey key = ModelKey.of(input.path(), engine.opener(), engine.options());
                jobs.add(new SurveyEngine.Job(input, key.size()));
                keys.add(key);
                places.add(i);
            }
        }
        engine.analyse(jobs, new SurveyEngine.Results() {
            @Override
            public void analysed(int job, AnalysisResult result) throws IOException {
                SurveyInput input = jobs.get(job).input();
                store.save(input.id(), keys.get(job), result, toolVersion);
                outcomes[places.get(job)] = new SurveyOutcome.Analysed(input, keys.get(job).size());
            }

            @Override
            public void failed(int job, String reason) {
                outcomes[places.get(job)] = new SurveyOutcome.Failed(jobs.get(job).input(), reason);
            }
        }, listener);
        return SurveyTables.write(out, List.of(outcomes), engine.options(), store, toolVersion);
    }

    /**
     * Rebuilds the tables of the survey in {@code out} from its saved reports, reading no model; the options
     * stated are those of its manifest.
     */
    public static SurveyResult rebuild(Path out, String toolVersion) throws IOException, SurveyInputException {
        SurveyTables.Manifest manifest = SurveyTables.readManifest(out);
        return SurveyTables.write(out, manifest.outcomes(), manifest.options(), new ReportStore(out.resolve(REPORTS)),
                toolVersion);
    }

    /** Whether {@code out} holds a survey that {@link #rebuild} can read. */
    public static boolean isSurvey(Path out) {
        return Files.isRegularFile(out.resolve(SurveyTables.MANIFEST));
    }
}
