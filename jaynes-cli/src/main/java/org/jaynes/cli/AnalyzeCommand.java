package org.jaynes.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jaynes.core.Checks;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.Baseline;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.core.model.Model;
import org.jaynes.core.stats.Normalization;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;
import org.jaynes.report.csv.CsvReportWriter;
import org.jaynes.report.html.HtmlReportWriter;
import org.jaynes.report.html.PngReport;
import org.jaynes.report.json.JsonReportWriter;
import org.jaynes.report.text.LayerTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jaynes analyze [MODEL]}: the per-layer microstructure of a model's weights. */
@Command(name = "analyze",
        header = "Fit the laws of a model's weights, layer by layer, and measure each layer's arbitrage gap",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads every tensor of a model and summarises each population (a weight tensor of rank >= 2 "
                + "with at least --min-elements values): n, zeros, mean and std of w, mu and sigma of ln|w|, and "
                + "the Kolmogorov-Smirnov distance of |w| from the fitted lognormal; every competing law fitted by "
                + "maximum likelihood (half-normal, exponential, Weibull, gamma; normal, Laplace, generalised normal) "
                + "with AIC, BIC, KS and Vuong's test, the best law and a verdict; R^2, the game's (alpha, beta), the "
                + "utility spread and the arbitrage gap; then the same pooled over all populations and a "
                + "universality summary. Other tensors are listed as set aside, with the reason.",
                "", "Formats, recognised by content: safetensors (file, or folder with shards), GGUF, PyTorch "
                + "(.bin/.pt/.pth), NumPy (.npy/.npz), Keras (.h5/.keras), TFLite, TF.js (model.json), ONNX (also "
                + "int8)."},
        footer = {"", "Examples:",
                "  jaynes analyze                           the bundled all-MiniLM-L6-v2",
                "  jaynes analyze model.safetensors --json r.json",
                "  jaynes analyze ~/models/llama --json -",
                "  jaynes analyze --csv layers.csv --baseline gaussian",
                "  jaynes analyze m.onnx --html r.html      one page with plots",
                "  jaynes analyze m.onnx --png figures/     one PNG per plot",
                "  jaynes analyze m.gguf --include attention --min-elements 100000"})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
            description = "model file or folder; default: the bundled all-MiniLM-L6-v2")
    private Path model;

    @Mixin
    private ReportOptions reports;

    @Option(names = "--png", paramLabel = "DIR",
            description = "also write every plot as a 1600x1000 PNG (for papers) into the existing folder DIR")
    private Path png;

    @Option(names = "--csv", paramLabel = "FILE", description = "write one row per layer as CSV to FILE ('-' for stdout)")
    private String csv;

    @Mixin
    private PopulationSelection selection;

    @Option(names = "--normalize", paramLabel = "SCALE",
            description = "also report mu relative to a scale: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); "
                    + "sigma never depends on it")
    private Normalization normalization = AnalysisOptions.DEFAULTS.normalization();

    @Option(names = "--bins", paramLabel = "K", description = "histogram bins for R^2, utilities and the arbitrage gap "
            + "(default: ${DEFAULT-VALUE})")
    private int bins = AnalysisOptions.DEFAULT_BINS;

    @Option(names = "--bin-convention", paramLabel = "SPACING", description = "bins equal in ln w (log) or in w "
            + "(linear) for the game's (alpha, beta) and utilities: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    private BinConvention convention = AnalysisOptions.DEFAULTS.convention();

    @Option(names = "--baseline", paramLabel = "NULL", description = "analyse beside each layer a null model of "
            + "its shape and std: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    private Baseline baseline = AnalysisOptions.DEFAULTS.baseline();

    @Option(names = "--seed", paramLabel = "N", description = "seed of the baseline (default: ${DEFAULT-VALUE})")
    private long seed = AnalysisOptions.DEFAULT_SEED;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: the number of cores); "
            + "results do not depend on it")
    private int threads = AnalysisOptions.DEFAULTS.threads();

    @Override
    public Integer call() throws IOException, ModelFormatException, UsageException {
        AnalysisOptions options = options();
        if (png != null) {
            String problem = PngReport.problemWith(png);
            if (problem != null) {
                throw new UsageException("--png " + problem);
            }
        }
        Optional<OutputTarget> jsonTarget = reports.json();
        Optional<OutputTarget> csvTarget = OutputTarget.of("--csv", csv);
        Optional<OutputTarget> htmlTarget = reports.html();
        boolean reportOnStdout = OutputTarget.claimsStdout(List.of(jsonTarget, csvTarget, htmlTarget));

        Model loaded = load();
        PrintWriter out = spec.commandLine().getOut();
        TerminalProgress progress = !reports.progressShown() ? null : new TerminalProgress(System.err);
        AnalysisResult result = new ModelAnalyzer(options).analyze(loaded,
                progress == null ? ProgressListener.NONE : progress);
        if (progress != null) {
            progress.finish();
        }

        if (jsonTarget.isPresent()) {
            jsonTarget.get().write(out, text -> new JsonReportWriter(Main.version()).write(result, text));
        }
        if (csvTarget.isPresent()) {
            csvTarget.get().write(out, text -> new CsvReportWriter().write(result, text));
        }
        if (htmlTarget.isPresent()) {
            htmlTarget.get().write(out, text -> HtmlReportWriter.write(result, Main.version(), text));
        }
        if (png != null) {
            PngReport.write(result, png);
        }
        if (!reportOnStdout) {
            LayerTable.print(result, out);
        }
        return Main.OK;
    }

    private AnalysisOptions options() throws UsageException {
        selection.check();
        UsageException.check(() -> Checks.atLeast("--bins", bins, 2));
        UsageException.check(() -> Checks.atLeast("--threads", threads, 1));
        return selection.applyTo(AnalysisOptions.DEFAULTS)
                .withNormalization(normalization).withBins(bins).withConvention(convention).withBaseline(baseline)
                .withSeed(seed).withThreads(threads);
    }

    private Model load() throws IOException, ModelFormatException {
        if (model != null) {
            return ModelOpener.standard().open(model);
        }
        Model bundled = ModelOpener.standard().open(BundledModel.file());
        return new Model(BundledModel.DISPLAY_NAME, bundled.format(), bundled.tensors());
    }
}
