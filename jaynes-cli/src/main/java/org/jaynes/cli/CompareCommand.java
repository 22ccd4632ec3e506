package org.jaynes.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ModelComparison;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.core.model.Model;
import org.jaynes.core.stats.Normalization;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;
import org.jaynes.report.html.ComparisonPage;
import org.jaynes.report.json.ComparisonJsonWriter;
import org.jaynes.report.text.ComparisonTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jaynes compare A B ...}: several models side by side. Models are analysed one after the other and
 * only the numbers of each comparison entry are kept, so memory does not grow with the models' size.
 */
@Command(name = "compare",
        header = "Analyse several models and compare their layers",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyses each model as 'analyze' does, one after the other, and compares them: per model "
                + "the share of layers where the lognormal is the best |w| law, sigma of ln|w| (mean and std over "
                + "layers), normalised mu (mean and spread) and the mean arbitrage gap; per layer sigma, "
                + "normalised mu and the gap against relative depth (layer i of n at i/(n-1)).",
                "", "sigma is scale-free and compares as it is. mu moves with the scale of the weights, so it "
                + "compares across models only after normalisation: compare uses --normalize rms unless told "
                + "otherwise."},
        footer = {"", "Examples:",
                "  jaynes compare bundled model.safetensors            table of both on stdout",
                "  jaynes compare a.onnx b.safetensors c --html c.html one page: plots against depth and the table",
                "  jaynes compare bundled m.gguf --json -              summaries and series as JSON on stdout",
                "  jaynes compare a b --normalize median --include attention"})
final class CompareCommand implements Callable<Integer> {

    /** The word that names the bundled model among the MODEL arguments. */
    static final String BUNDLED = "bundled";

    private static final String NO_SUCH_MODEL = "%s: no such file or folder";

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL",
            description = "two or more model files or folders; '" + BUNDLED + "' for the bundled all-MiniLM-L6-v2")
    private List<String> models;

    @Mixin
    private ReportOptions reports;

    @Option(names = "--normalize", paramLabel = "SCALE",
            description = "report mu relative to a scale: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, "
                    + "so that mu compares across models); sigma never depends on it")
    private Normalization normalization = Normalization.RMS;

    @Mixin
    private PopulationSelection selection;

    @Override
    public Integer call() throws IOException, ModelFormatException, UsageException {
        if (models.size() < 2) {
            throw new UsageException("compare needs at least 2 models, not " + models.size());
        }
        selection.check();
        for (String model : models) {
            if (!BUNDLED.equals(model) && !Files.exists(Path.of(model))) {
                throw new UsageException(String.format(Locale.ROOT, NO_SUCH_MODEL, model));
            }
        }
        AnalysisOptions options = selection.applyTo(AnalysisOptions.DEFAULTS).withNormalization(normalization);
        ReportOptions.Targets targets = reports.targets();

        ModelAnalyzer analyzer = new ModelAnalyzer(options);
        List<String> labels = labels(models);
        List<ModelComparison.Entry> entries = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            TerminalProgress progress = !reports.progressShown() ? null : new TerminalProgress(System.err);
            entries.add(ModelComparison.entry(labels.get(i), analyzer.analyze(load(models.get(i)),
                    progress == null ? ProgressListener.NONE : progress)));
            if (progress != null) {
                progress.finish();
            }
        }
        ModelComparison comparison = ModelComparison.of(entries);

        PrintWriter out = spec.commandLine().getOut();
        targets.write(out, text -> new ComparisonJsonWriter(Main.version()).write(comparison, options, text),
                text -> ComparisonPage.write(comparison, options, Main.version(), text),
                printer -> ComparisonTable.print(comparison, printer));
        return Main.OK;
    }

    /** Each model's file or folder name ('bundled' as the bundled model's), made distinct by a counter. */
    static List<String> labels(List<String> models) {
        List<String> labels = new ArrayList<>(models.size());
        Set<String> seen = new HashSet<>();
        for (String model : models) {
            String base;
            if (BUNDLED.equals(model)) {
                base = BundledModel.DISPLAY_NAME;
            } else {
                Path name = Path.of(model).toAbsolutePath().normalize().getFileName();
                base = name == null ? model : name.toString();
            }
            String label = base;
            for (int copy = 2; !seen.add(label); copy++) {
                label = base + " #" + copy;
            }
            labels.add(label);
        }
        return labels;
    }

    private static Model load(String model) throws IOException, ModelFormatException {
        if (!BUNDLED.equals(model)) {
            return ModelOpener.standard().open(Path.of(model));
        }
        Model bundled = ModelOpener.standard().open(BundledModel.file());
        return new Model(BundledModel.DISPLAY_NAME, bundled.format(), bundled.tensors());
    }
}
