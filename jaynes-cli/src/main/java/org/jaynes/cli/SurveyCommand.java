package org.jaynes.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.jaynes.core.Checks;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.formats.ModelOpener;
import org.jaynes.survey.CheckpointSeries;
import org.jaynes.survey.InProcessEngine;
import org.jaynes.survey.Survey;
import org.jaynes.survey.SurveyEngine;
import org.jaynes.survey.SurveyEngineProvider;
import org.jaynes.survey.SurveyInput;
import org.jaynes.survey.SurveyInputException;
import org.jaynes.survey.SurveyInputs;
import org.jaynes.survey.SurveyListener;
import org.jaynes.survey.SurveyOutcome;
import org.jaynes.survey.SurveyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jaynes survey INPUT... --out DIR}: many models, or the checkpoints of one training run, analysed
 * one after the other into one folder (see {@link Survey}).
 */
@Command(name = "survey",
        header = "Analyse many models, or a run's checkpoints, into one folder of reports and tables",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyses many models as 'analyze' does, one after the other, into one folder: each model's "
                + "JSON report (reports/ID.json), every layer of every model as one row of layers.parquet and "
                + "layers.csv (model, step, layer, relative depth, then every number analyze gives the layer), the models that could not be "
                + "read with their reasons (failures.csv) and the list of models (survey.json).",
                "", "Tensors are selected as populations as 'analyze' selects them (--min-elements, --include, "
                + "--exclude); survey.json and survey.html state the options used.",
                "", "A model whose report in the folder was made from the same files (the same path, and the same "
                + "sizes and times of every file its weights are read from, such as a model.json's shards) with "
                + "the same options is not read again; those files are what the survey counts as read. A model that cannot be read does not stop the survey; the "
                + "exit status is then 1."},
        footer = {"", "Examples:",
                "  jaynes survey zoo/*.onnx zoo/*.safetensors --out zoo-survey",
                "  jaynes survey @models.txt --out survey            one model file or folder per line",
                "  jaynes survey zoo/*.gguf --include attention --min-elements 100000 --out attention",
                "  jaynes survey --checkpoints runs/exp1 --out exp1   step-1000, checkpoint-500, ... ordered by step",
                "  jaynes survey --from-reports survey                the tables again from the saved reports",
                "  jaynes survey zoo/*.gguf hdfs://nn:8020/zoo/m.safetensors --out s --spark 'local[*]'",
                "  jaynes survey 's3a://zoo/*.onnx' --out s --spark 'local[*]' \\",
                "      --conf spark.hadoop.fs.s3a.endpoint=http://minio:9000"})
final class SurveyCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "INPUT",
            description = "model files or folders, globs (quoted), or @FILE: a list of them, one per line")
    private List<String> inputs = new ArrayList<>();

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "the entries of DIR whose names carry a step number, as one series ordered by step "
                    + "(with --spark, DIR may be a URI)")
    private String checkpoints;

    @Option(names = "--out", paramLabel = "DIR", description = "the folder to write into (created if missing)")
    private Path out;

    @Option(names = "--from-reports", paramLabel = "DIR",
            description = "rebuild the tables of the survey in DIR from its saved reports, reading no model")
    private Path fromReports;

    @Mixin
    private PopulationSelection selection;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: the number of cores); "
            + "results do not depend on it")
    private int threads = AnalysisOptions.DEFAULTS.threads();

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    private boolean quiet;

    @Option(names = "--spark", paramLabel = "MASTER", description = "analyse on Apache Spark: local[*], "
            + "spark://host:7077, yarn, k8s://...; INPUT may then be an hdfs://, s3a:// or file:// URI, or a glob "
            + "of them ('s3a://bucket/zoo/*.onnx'). Needs "
            + "the jaynes-spark module, which ./jaynes adds to the class path with this option")
    private String spark;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "with --spark: a Spark property, as "
            + "spark-submit's --conf (spark.executor.memory=4g; spark.hadoop.fs.s3a.endpoint=URL for an S3 "
            + "service other than AWS's); repeatable")
    private Map<String, String> sparkProperties = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException, UsageException {
        SurveyResult result;
        try {
            result = fromReports != null ? rebuild() : survey();
        } catch (SurveyInputException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        long analysed = result.outcomes().stream().filter(SurveyOutcome.Analysed.class::isInstance).count();
        long reused = result.outcomes().stream().filter(SurveyOutcome.Reused.class::isInstance).count();
        out.printf(Locale.ROOT, "%d models: %d analysed (%.1f MB read), %d reports reused, %d failed; %d layer rows%n",
                result.outcomes().size(), analysed, result.bytesRead() / 1e6, reused, result.failures().size(),
                result.rows());
        result.universality().forEach(test -> out.println(test.sentence()));
        for (SurveyOutcome.Failed failed : result.failures()) {
            out.println("failed: " + failed.input().id() + ": " + failed.reason());
        }
        out.flush();
        return result.failures().isEmpty() ? Main.OK : Main.FAILURE;
    }

    private SurveyResult rebuild() throws IOException, SurveyInputException, UsageException {
        if (!inputs.isEmpty() || checkpoints != null || out != null) {
            throw new UsageException("--from-reports takes no INPUT, --checkpoints or --out");
        }
        for (String option : List.of("--min-elements", "--include", "--exclude")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new UsageException("--from-reports takes no " + option + ": the saved reports keep their options");
            }
        }
        if (!Survey.isSurvey(fromReports)) {
            throw new UsageException("--from-reports " + fromReports + ": no survey.json there");
        }
        return Survey.rebuild(fromReports, Main.version());
    }

    private SurveyResult survey() throws IOException, SurveyInputException, UsageException {
        if (out == null) {
            throw new UsageException("--out DIR is required");
        }
        UsageException.check(() -> Checks.atLeast("--threads", threads, 1));
        if (checkpoints != null && !inputs.isEmpty()) {
            throw new UsageException("--checkpoints takes the place of INPUT; give one or the other");
        }
        if (checkpoints == null && inputs.isEmpty()) {
            throw new UsageException("no INPUT: name models, a glob, @FILE or --checkpoints DIR");
        }
        selection.check();
        if (spark == null && !sparkProperties.isEmpty()) {
            throw new UsageException("--conf sets a Spark property: it needs --spark MASTER");
        }
        AnalysisOptions options = selection.applyTo(AnalysisOptions.DEFAULTS).withThreads(threads);
        try (SurveyEngine engine = spark == null ? new InProcessEngine(options, ModelOpener.standard())
                : sparkEngine(options)) {
            List<SurveyInput> models = checkpoints != null ? CheckpointSeries.of(checkpoints, engine::locate)
                    : SurveyInputs.of(inputs, Path.of("").toAbsolutePath(), engine::locate);
            TerminalProgress progress = quiet || System.console() == null ? null : new TerminalProgress(System.err);
            SurveyResult result = new Survey(engine, Main.version()).run(models, out,
                    progress == null ? SurveyListener.NONE : progress::models);
            if (progress != null) {
                progress.finish();
            }
            return result;
        }
    }

    /** The Spark engine, when the jaynes-spark module is on the class path. */
    private SurveyEngine sparkEngine(AnalysisOptions options) throws UsageException, SurveyInputException {
        SurveyEngineProvider provider = ServiceLoader.load(SurveyEngineProvider.class).findFirst()
                .orElseThrow(() -> new UsageException("--spark: the Spark module is not on the class path (build it "
                        + "with mvn -pl jaynes-spark -am package and run ./jaynes, which adds it)"));
        return provider.open(spark, sparkProperties, options, ModelOpener.standard());
    }
}
