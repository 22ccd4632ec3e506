package org.jaynes.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jaynes.capture.onnx.CaptureGraph;
import org.jaynes.capture.onnx.CaptureRun;
import org.jaynes.capture.onnx.FeedTensor;
import org.jaynes.capture.onnx.NpyFeeds;
import org.jaynes.capture.onnx.OnnxCapture;
import org.jaynes.capture.onnx.RandomFeeds;
import org.jaynes.capture.onnx.TokenBatches;
import org.jaynes.capture.text.BundledText;
import org.jaynes.capture.text.Encoding;
import org.jaynes.capture.text.TextLines;
import org.jaynes.capture.text.WordPieceTokenizer;
import org.jaynes.core.Checks;
import org.jaynes.core.analysis.ActivationAnalysis;
import org.jaynes.core.analysis.ActivationInputs;
import org.jaynes.core.analysis.ActivationResult;
import org.jaynes.core.analysis.ActivationSite;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.CaptureOptions;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.core.model.Model;
import org.jaynes.formats.ModelFiles;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;
import org.jaynes.report.html.ActivationPage;
import org.jaynes.report.json.JsonReportWriter;
import org.jaynes.report.text.ActivationTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jaynes activations [MODEL]}: the microstructure of a model's neuron outputs on real inputs. */
@Command(name = "activations",
        header = "Run an ONNX model and analyse the outputs of its activation functions",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs an ONNX model (ONNX Runtime) on inputs and captures the output of every activation "
                + "function (Relu, Gelu and its Erf form, Tanh, Sigmoid, Softmax) and every attention-probability "
                + "softmax. Each becomes a population: |output| over all inputs and positions, exact zeros and "
                + "negative outputs counted apart, analysed like weights (mu, sigma, KS, every law fitted, the "
                + "game and its arbitrage gap) and shown beside the weights that feed it.",
                "", "Inputs: text for BERT-family models (WordPiece from tokenizer.json; texts of one token count "
                + "per batch, so no position is padding), --inputs FILE.npy for others, or --random-inputs (the "
                + "report then warns that the result depends on it)."},
        footer = {"", "Examples:",
                "  jaynes activations                       bundled all-MiniLM-L6-v2 on bundled sentences",
                "  jaynes activations --text my.txt --json -",
                "  jaynes activations m.onnx --tokenizer tokenizer.json --text t.txt --html r.html",
                "  jaynes activations cnn.onnx --inputs images.npy",
                "  jaynes activations cnn.onnx --random-inputs --rows 256"})
final class ActivationsCommand implements Callable<Integer> {

    static final String BUNDLED_TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    static final int DEFAULT_BATCH = CaptureOptions.DEFAULT_BATCH;
    static final int DEFAULT_RANDOM_ROWS = 64;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
            description = "ONNX model file; default: the bundled all-MiniLM-L6-v2")
    private Path model;

    @Option(names = "--text", paramLabel = "FILE",
            description = "UTF-8 text, one input a line (default: the bundled sentences)")
    private Path text;

    @Option(names = "--tokenizer", paramLabel = "FILE",
            description = "tokenizer.json (default: tokenizer.json beside MODEL; the bundled one for the bundled model)")
    private Path tokenizer;

    @Option(names = "--max-length", paramLabel = "N",
            description = "truncate texts to N tokens (default: the tokenizer's own, else 128)")
    private Integer maxLength;

    @Option(names = "--inputs", paramLabel = "FILE.npy",
            description = "the model's single input, batch first, as a NumPy array")
    private Path inputs;

    @Option(names = "--random-inputs", description = "feed seeded random values (normal floats, in-range integers)")
    private boolean randomInputs;

    @Option(names = "--rows", paramLabel = "N",
            description = "inputs drawn with --random-inputs (default: " + DEFAULT_RANDOM_ROWS + ")")
    private int rows = DEFAULT_RANDOM_ROWS;

    @Option(names = "--batch", paramLabel = "B", description = "inputs per forward pass (default: " + DEFAULT_BATCH + ")")
    private int batch = DEFAULT_BATCH;

    @Mixin
    private ReportOptions reports;

    @Option(names = "--seed", paramLabel = "N", description = "seed of --random-inputs (default: ${DEFAULT-VALUE})")
    private long seed = AnalysisOptions.DEFAULT_SEED;

    @Option(names = "--threads", paramLabel = "N", description = "threads of the model and the analysis (default: "
            + "the number of cores)")
    private int threads = AnalysisOptions.DEFAULTS.threads();

    /** Open dimensions after the first (a sequence length) of --random-inputs. */
    static final int RANDOM_OPEN_SIZE = 32;

    /**
     * The batches to run (each made when it is run, so that inputs need not all be in memory, and made again
     * for the second pass) and how the report describes them.
     */
    private record Plan(int batches, CaptureRun.Inputs source, ActivationInputs inputs) {
    }

    @Override
    public Integer call() throws IOException, ModelFormatException, UsageException {
        check();
        ReportOptions.Targets targets = reports.targets();
        Path file = model != null ? model : BundledModel.file();
        String displayName = model != null ? model.toString() : BundledModel.DISPLAY_NAME;
        // before anything opens them: a FIFO, device or /proc file given as the model or the inputs is refused
        ModelFiles.checkNamed(file);
        if (inputs != null) {
            ModelFiles.checkNamed(inputs);
        }

        CaptureGraph graph = CaptureGraph.read(file);
        Plan plan = plan(file, graph);
        AnalysisOptions options = AnalysisOptions.DEFAULTS.withThreads(threads);
        Model weights = ModelOpener.standard().open(file);
        AnalysisResult weightAnalysis = new ModelAnalyzer(options).analyze(
                new Model(displayName, weights.format(), weights.tensors()), ProgressListener.NONE);

        ActivationAnalysis analysis = new ActivationAnalysis(options);
        StatusLine status = !reports.progressShown() ? null : new StatusLine(System.err);
        List<ActivationSite> sites;
        try (OnnxCapture capture = OnnxCapture.open(file, graph.sites(), threads)) {
            sites = CaptureRun.run(capture, analysis, plan.batches(), plan.source(), status == null
                    ? CaptureRun.Progress.NONE
                    : (pass, b) -> status.show("running %s: %d layers, pass %d of 2, batch %d of %d", displayName,
                            graph.sites().size(), pass, b + 1, plan.batches()));
        } finally {
            if (status != null) {
                status.clear();
            }
        }
        analysis.add(sites, weightAnalysis);
        ActivationResult result = analysis.finish(weightAnalysis.model(), plan.inputs(), captureOptions(),
                graph.setAside(), weightAnalysis);

        PrintWriter out = spec.commandLine().getOut();
        targets.write(out, w -> new JsonReportWriter(Main.version()).write(result, w),
                w -> ActivationPage.write(result, Main.version(), w),
                printer -> ActivationTable.print(result, printer));
        return Main.OK;
    }

    /** The options of this run as its report records them. */
    private CaptureOptions captureOptions() {
        CaptureOptions options = CaptureOptions.DEFAULTS.withBatch(batch).withThreads(threads);
        if (randomInputs) {
            options = options.withRandomInputs(rows, seed);
        }
        return maxLength != null ? options.withMaxLength(maxLength) : options;
    }

    private void check() throws UsageException {
        int sources = (text != null ? 1 : 0) + (inputs != null ? 1 : 0) + (randomInputs ? 1 : 0);
        if (sources > 1) {
            throw new UsageException("give one of --text, --inputs and --random-inputs");
        }
        UsageException.check(() -> Checks.atLeast("--batch", batch, 1));
        UsageException.check(() -> Checks.atLeast("--rows", rows, 1));
        UsageException.check(() -> Checks.atLeast("--threads", threads, 1));
        if (maxLength != null && maxLength < 2) {
            throw new UsageException("--max-length must be at least 2, not " + maxLength);
        }
        if ((tokenizer != null || maxLength != null) && (inputs != null || randomInputs)) {
            throw new UsageException("--tokenizer and --max-length apply to text inputs only");
        }
    }

    private Plan plan(Path file, CaptureGraph graph) throws IOException, ModelFormatException, UsageException {
        if (inputs != null) {
            NpyFeeds feeds = NpyFeeds.open(inputs, graph.inputs());
            int step = feeds.batchRows(batch);
            long count = feeds.rows();
            int batches = (int) ((count + step - 1) / step);
            return new Plan(batches,
                    () -> b -> feeds.batch((long) b * step, (int) Math.min(step, count - (long) b * step)),
                    new ActivationInputs(inputs.toString(), count, count, batches, Optional.empty()));
        }
        if (randomInputs) {
            RandomFeeds.of(file, graph, seed, RANDOM_OPEN_SIZE); // refuses inputs it cannot draw before any work
            int batches = (rows + batch - 1) / batch;
            // each pass draws anew from the seed, so both passes run the same inputs
            return new Plan(batches, () -> {
                RandomFeeds feeds = RandomFeeds.of(file, graph, seed, RANDOM_OPEN_SIZE);
                return b -> feeds.batch(Math.min(batch, rows - b * batch));
            },
                    new ActivationInputs("random (seed " + seed + ")", rows, rows, batches,
                            Optional.of("the model ran on random inputs, not real data: neuron outputs depend on their "
                                    + "inputs, so these populations describe the model's response to noise")));
        }
        WordPieceTokenizer words = tokenizer(file);
        if (maxLength != null) {
            words = words.withMaxLength(maxLength);
        }
        List<String> lines = text != null ? TextLines.read(text) : BundledText.lines();
        List<Encoding> encodings = new ArrayList<>(lines.size());
        long positions = 0;
        for (String line : lines) {
            Encoding encoding = words.encode(line);
            encodings.add(encoding);
            positions += encoding.length();
        }
        List<Map<String, FeedTensor>> batches = TokenBatches.of(encodings, graph.inputs(), batch, file);
        String source = text != null ? text.toString() : BundledText.RESOURCE + " (bundled)";
        return new Plan(batches.size(), () -> batches::get, new ActivationInputs(source, lines.size(), positions,
                batches.size(), Optional.empty()));
    }

    private WordPieceTokenizer tokenizer(Path file) throws IOException, ModelFormatException, UsageException {
        if (tokenizer != null) {
            return WordPieceTokenizer.read(tokenizer).withoutPadding();
        }
        if (model == null) {
            try (InputStream in = ActivationsCommand.class.getClassLoader().getResourceAsStream(BUNDLED_TOKENIZER)) {
                if (in == null) {
                    throw new IOException("the bundled tokenizer " + BUNDLED_TOKENIZER + " is not on the class path");
                }
                return WordPieceTokenizer.read(in, BUNDLED_TOKENIZER + " (bundled)").withoutPadding();
            }
        }
        Path beside = file.toAbsolutePath().resolveSibling("tokenizer.json");
        if (!Files.isRegularFile(beside)) {
            throw new UsageException(file + ": text inputs need a tokenizer: no tokenizer.json beside the model; "
                    + "give --tokenizer FILE, --inputs FILE.npy or --random-inputs");
        }
        return WordPieceTokenizer.read(beside).withoutPadding();
    }
}
