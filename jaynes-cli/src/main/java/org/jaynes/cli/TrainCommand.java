package org.jaynes.cli;

import static org.jaynes.cli.output.Json.number;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jaynes.cli.output.TrainingReport;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.nn.data.DataSplit;
import org.jaynes.nn.data.IdxDirectory;
import org.jaynes.nn.data.TeacherStudent;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.layer.ActivationFunction;
import org.jaynes.nn.layer.Network;
import org.jaynes.nn.optim.OptimizerKind;
import org.jaynes.nn.optim.OptimizerOptions;
import org.jaynes.nn.tensor.ImageShape;
import org.jaynes.nn.train.EpochRecord;
import org.jaynes.nn.train.Trainer;
import org.jaynes.nn.train.TrainingListener;
import org.jaynes.nn.train.TrainingOptions;
import org.jaynes.nn.train.TrainingResult;
import org.jaynes.report.html.TrainingPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jaynes train}: trains a multilayer perceptron, or a convolutional network with {@code --conv}, and reports
 * every layer's microstructure, weights and neuron outputs, per epoch.
 */
@Command(name = "train",
        header = "Train a network and track the microstructure of its weights and neuron outputs",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a multilayer perceptron in Java (softmax cross-entropy, mini-batches), or with --conv a "
                + "convolutional network, and reports, at initialisation and after every epoch, the test loss and "
                + "accuracy and each weighted layer's "
                + "microstructure: mu and sigma of ln|w|, the KS distance from the lognormal, the best law by AIC, "
                + "the arbitrage gap and the utility spread (docs/theory.md sections 2, 5, 6); and the same for the "
                + "neuron outputs of every activation layer on the test set, zeros and negatives counted (section 3).",
                "", "Data: a folder of MNIST-style IDX files (plain or .gz), or 'teacher', a generated task (16 inputs, "
                + "4 classes) that needs no files. The same seed gives the same run bit for bit."},
        footer = {"", "Examples:",
                "  jaynes train                                              the teacher task, 16,64,4",
                "  jaynes train --data /usr/share/datasets/fashion-mnist --layers 784,256,10 --epochs 1 --json -",
                "  jaynes train --data /usr/share/datasets/fashion-mnist --conv 8,16",
                "                 a CNN: 1x28x28 -> conv 8 -> 8x14x14 -> conv 16 -> 16x7x7 = 784 -> 10",
                "  jaynes train --data teacher --init lognormal --sigma 0.8 --epochs 10",
                "  jaynes train --init fitted --init-from model.safetensors --warmup 1 --epochs 3",
                "  jaynes train --epochs 2 --track-every 100 --json run.json",
                "  jaynes train --optimizer sgd --lr 0.05 --save-epochs 0,5,10 --save runs/a --epochs 10",

                "  jaynes train --epochs 10 --html train.html"})
final class TrainCommand implements Callable<Integer> {

    static final String TEACHER = "teacher";
    private static final int[] TEACHER_LAYERS = {TeacherStudent.DEFAULT_INPUTS, 64, TeacherStudent.DEFAULT_CLASSES};
    private static final int[] IDX_LAYERS = {784, 256, 10};

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "a folder of IDX files (train-images-idx3-ubyte[.gz] "
            + "and the other three) or 'teacher' (default: teacher)")
    private String data = TEACHER;

    @Option(names = "--layers", paramLabel = "N,N,...", description = "widths, input first (default: 16,64,4 for "
            + "the teacher task, 784,256,10 for IDX data); with --conv the dense part, from the values the conv blocks "
            + "leave to the classes")
    private String layers;

    @Option(names = "--conv", paramLabel = "C,C,...", description = "output channels of conv blocks (conv 3x3 "
            + "padding 1, activation, max-pool 2x2) before the dense layers, which then start with the number of "
            + "values the blocks leave (default for --layers: that number and the classes); needs image data "
            + "(IDX); empty or absent: a multilayer perceptron")
    private String conv;

    @Option(names = "--activation", paramLabel = "F", description = "relu, gelu (tanh form) or tanh (default: relu)")
    private String activation = "relu";

    @Option(names = "--init", paramLabel = "INIT", description = "he, xavier, lognormal (signed lognormal magnitudes "
            + "with He's E[w^2]) or fitted (each layer from the lognormal fitted to a layer of --init-from) "
            + "(default: he)")
    private String init = "he";

    @Mixin
    private FittedInitOptions fitted = new FittedInitOptions();

    @Option(names = "--sigma", paramLabel = "S", description = "sigma of ln|w| for --init lognormal (default: "
            + Initializer.DEFAULT_SIGMA + ")")
    private Double sigma;

    @Option(names = "--optimizer", paramLabel = "RULE", description = "sgd (momentum 0.9), adam or adamw "
            + "(default: adam)")
    private String optimizer = "adam";

    @Option(names = "--lr", paramLabel = "ETA", description = "learning rate (default: 0.01 for sgd, 0.001 for adam "
            + "and adamw)")
    private Double learningRate;

    @Option(names = "--momentum", paramLabel = "M", description = "SGD momentum in [0, 1) (default: 0.9)")
    private Double momentum;

    @Option(names = "--weight-decay", paramLabel = "L", description = "weight decay (default: 0; 0.01 for adamw)")
    private Double weightDecay;

    @Option(names = "--batch", paramLabel = "B", description = "examples per step (default: "
            + TrainingOptions.DEFAULT_BATCH + ")")
    private int batch = TrainingOptions.DEFAULT_BATCH;

    @Option(names = "--epochs", paramLabel = "E", description = "passes over the training set (default: "
            + TrainingOptions.DEFAULT_EPOCHS + ")")
    private int epochs = TrainingOptions.DEFAULT_EPOCHS;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the weights, the order of examples and the "
            + "teacher task (default: " + TrainingOptions.DEFAULT_SEED + ")")
    private long seed = TrainingOptions.DEFAULT_SEED;

    @Option(names = "--threads", paramLabel = "T", description = "threads of the matrix product; the result does not "
            + "depend on it (default: the number of processors)")
    private Integer threads;

    @Option(names = "--warmup", paramLabel = "E", description = "distribution-only warm-up: for the first E epochs "
            + "each layer's weights are fixed signed quantiles of LN(mu, sigma) and only (mu, sigma) and the biases "
            + "learn; then all weights train freely (default: 0)")
    private int warmup;

    @Option(names = "--track-every", paramLabel = "K", description = "also record every layer's microstructure and "
            + "the mean train loss every K steps (default: 0, per epoch only)")
    private int trackEvery;

    @Option(names = "--save-epochs", paramLabel = "E,E,...", description = "save the weights as safetensors after "
            + "these epochs (0: at initialisation); needs --save")
    private String saveEpochs;

    @Option(names = "--save", paramLabel = "DIR", description = "folder for the saved weights, epoch-E.safetensors "
            + "(default with --save-epochs: none; with --save alone: the last epoch)")
    private Path save;

    @Mixin
    private ReportOptions reports;

    @Mixin
    private ProgressOption progressOption;

    @Override
    public Integer call() throws IOException, UsageException, ModelFormatException {
        ReportOptions.Targets targets = reports.targets();
        Optional<OutputTarget> jsonTarget = targets.json();
        Optional<OutputTarget> htmlTarget = targets.html();
        boolean reportOnStdout = targets.onStdout();
        boolean teacher = TEACHER.equals(data);
        TrainingOptions options = options(teacher);
        DataSplit split = teacher ? TeacherStudent.generate(seed) : IdxDirectory.load(Path.of(data));
        if (options.isConvolutional() && layers == null) {
            options = options.withWidths(convolutionalWidths(options.convChannels(), split));
        }
        EpochProgress progress = !progressOption.shown() ? null : new EpochProgress(System.err);
        TrainingResult result;
        try {
            result = Trainer.run(options, split, progress == null ? TrainingListener.NONE : progress);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (jsonTarget.isPresent()) {
            jsonTarget.get().write(out, writer -> TrainingReport.writeJson(result, writer));
        }
        if (htmlTarget.isPresent()) {
            htmlTarget.get().write(out, writer -> TrainingPage.write(TrainingPageInputs.of(result), Main.version(),
                    writer));
        }
        if (!reportOnStdout) {
            TrainingReport.print(result, out);
            out.flush();
        }
        return Main.OK;
    }

    private TrainingOptions options(boolean teacher) throws UsageException, ModelFormatException {
        int[] widths = widths(layers, teacher);
        if (sigma != null && !"lognormal".equalsIgnoreCase(init)) {
            throw new UsageException("--sigma applies to --init lognormal only");
        }
        fitted.checkUsed(FittedInitOptions.FITTED.equalsIgnoreCase(init.trim()), "--init");
        if (warmup < 0 || warmup > epochs) {
            throw new UsageException("--warmup must be in [0, --epochs " + epochs + "], not " + warmup);
        }
        if (trackEvery < 0) {
            throw new UsageException("--track-every must be non-negative, not " + trackEvery);
        }
        Initializer initializer = fitted.initializer(init, sigma == null ? Initializer.DEFAULT_SIGMA : sigma);
        if (momentum != null && !"sgd".equalsIgnoreCase(optimizer)) {
            throw new UsageException("--momentum applies to --optimizer sgd only");
        }
        try {
            OptimizerOptions rule = OptimizerOptions.of(OptimizerKind.parse(optimizer));
            if (learningRate != null) {
                rule = rule.withLearningRate(learningRate);
            }
            if (momentum != null) {
                rule = rule.withMomentum(momentum);
            }
            if (weightDecay != null) {
                rule = rule.withWeightDecay(weightDecay);
            }
            if (batch < 1) {
                throw new UsageException("--batch must be at least 1, not " + batch);
            }
            if (epochs < 0) {
                throw new UsageException("--epochs must be non-negative, not " + epochs);
            }
            TrainingOptions options = TrainingOptions.DEFAULTS.withWidths(widths).withConvChannels(convChannels())
                    .withActivation(ActivationFunction.parse(activation))
                    .withInitializer(initializer)
                    .withOptimizer(rule).withBatchSize(batch).withEpochs(epochs).withSeed(seed)
                    .withWarmupEpochs(warmup).withTrackEvery(trackEvery);
            if (threads != null) {
                options = options.withThreads(threads);
            }
            if (saveEpochs != null && save == null) {
                throw new UsageException("--save-epochs needs --save DIR");
            }
            if (save != null) {
                SortedSet<Integer> chosen = new TreeSet<>();
                if (saveEpochs == null) {
                    chosen.add(epochs);
                } else {
                    for (int e : parseList("--save-epochs", saveEpochs, 0)) {
                        if (e > epochs) {
                            throw new UsageException("--save-epochs " + e + " is after the last epoch, " + epochs);
                        }
                        chosen.add(e);
                    }
                }
                options = options.withSaving(chosen, save);
            }
            return options;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The channels of {@code --conv}; none when it is absent or empty. */
    private int[] convChannels() throws UsageException {
        return conv == null || conv.isBlank() ? new int[0] : parseList("--conv", conv, 1);
    }

    /** The dense widths {@code --conv} implies without {@code --layers}: what the blocks leave, then the classes. */
    private static int[] convolutionalWidths(int[] channels, DataSplit split) throws UsageException {
        Optional<ImageShape> image = split.train().imageShape();
        if (image.isEmpty()) {
            throw new UsageException(String.format(Locale.ROOT, "--conv needs image data, but %s has rows of %d "
                    + "features without an image shape", split.name(), split.train().features()));
        }
        try {
            return new int[] {Network.afterBlocks(image.get(), channels).size(), split.train().classes()};
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The widths of {@code --layers}, input first, or the defaults for the data: shared by {@code train} and
     * {@code experiment init}.
     */
    static int[] widths(String layers, boolean teacher) throws UsageException {
        if (layers == null) {
            return (teacher ? TEACHER_LAYERS : IDX_LAYERS).clone();
        }
        int[] widths = parseList("--layers", layers, 1);
        if (widths.length < 2) {
            throw new UsageException("--layers needs at least two widths (input and classes), not '" + layers + "'");
        }
        return widths;
    }

    /** Comma-separated integers, each at least {@code min}. */
    private static int[] parseList(String option, String text, int min) throws UsageException {
        String[] parts = text.split(",", -1);
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                values[i] = Integer.MIN_VALUE;
            }
            if (values[i] < min) {
                throw new UsageException(option + " must be integers of at least " + min + " separated by commas, not '"
                        + text + "'");
            }
        }
        return values;
    }

    /** Epoch and step on one stderr line rewritten in place; a terminal only. */
    private static final class EpochProgress implements TrainingListener {

        private final StatusLine line;

        EpochProgress(PrintStream err) {
            this.line = new StatusLine(err);
        }

        @Override
        public void step(int epoch, int step, int stepsPerEpoch, double loss) {
            if (step % 50 == 0) {
                line.show("epoch %d: step %d of %d, loss %.4f", epoch, step, stepsPerEpoch, loss);
            }
        }

        @Override
        public void epoch(EpochRecord record) {
            if (line.clear()) {
                line.println("epoch %d: test accuracy %.4f, %.1f s", record.epoch(), record.testAccuracy(),
                        record.seconds());
            }
        }

        void finish() {
            line.clear();
        }
    }

}
