package org.jaynes.cli;

import static org.jaynes.cli.TheoryCommand.number;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
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
import org.jaynes.nn.track.LayerMicrostructure;
import org.jaynes.nn.track.OutputMicrostructure;
import org.jaynes.nn.train.EpochRecord;
import org.jaynes.nn.train.StepRecord;
import org.jaynes.nn.train.Trainer;
import org.jaynes.nn.train.TrainingListener;
import org.jaynes.nn.train.TrainingOptions;
import org.jaynes.nn.train.TrainingResult;
import org.jaynes.report.html.TrainingPage;
import org.jaynes.nn.warmup.WarmupRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jaynes train}: trains a multilayer perceptron, or a convolutional network with {@code --conv}, and reports
 * every layer's microstructure, weights and neuron outputs, per epoch.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
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

    @Option(names = "--json", paramLabel = "FILE", description = "write the run as JSON to FILE ('-' for stdout)")
    private String json;

    @Option(names = "--html", paramLabel = "FILE", description = "write one page with the learning curves and every "
            + "layer's trajectories to FILE ('-' for stdout)")
    private String html;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    private boolean quiet;

    @Override
    public Integer call() throws IOException, UsageException, ModelFormatException {
        Optional<OutputTarget> jsonTarget = OutputTarget.of("--json", json);
        Optional<OutputTarget> htmlTarget = OutputTarget.of("--html", html);
        boolean reportOnStdout = OutputTarget.claimsStdout(List.of(jsonTarget, htmlTarget));
        boolean teacher = TEACHER.equals(data);
        TrainingOptions options = options(teacher);
        DataSplit split = teacher ? TeacherStudent.generate(seed) : IdxDirectory.load(Path.of(data));
        if (options.isConvolutional() && layers == null) {
            options = options.withWidths(convolutionalWidths(options.convChannels(), split));
        }
        EpochProgress progress = quiet || System.console() == null ? null : new EpochProgress(System.err);
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
            jsonTarget.get().write(out, writer -> writeJson(result, writer));
        }
        if (htmlTarget.isPresent()) {
            htmlTarget.get().write(out, writer -> TrainingPage.write(TrainingPageInputs.of(result), Main.version(),
                    writer));
        }
        if (!reportOnStdout) {
            print(result, out);
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

    private static void print(TrainingResult result, PrintWriter out) {
        TrainingOptions o = result.options();
        out.printf(Locale.ROOT, "data        %s: %d training, %d test examples%n", result.data(), result.trainSize(),
                result.testSize());
        out.printf(Locale.ROOT, "network     %s%s, %s; init %s; %s lr %s, batch %d, seed %d%n",
                o.isConvolutional() ? "conv " + join(o.convChannels()) + " then " : "", join(o.widths()),
                o.activation().label(), initText(o.initializer()), o.optimizer().kind().label(),
                TheoryCommand.n(o.optimizer().learningRate()), o.batchSize(), o.seed());
        if (o.initializer() instanceof Initializer.Fitted f) {
            FittedInitOptions.print(f, o.widths(), layerNames(result), out);
        }
        if (o.warmupEpochs() > 0) {
            out.printf(Locale.ROOT, "warm-up     epochs 1 to %d learn only each layer's (mu, sigma) and the biases%n",
                    o.warmupEpochs());
        }
        out.println();
        out.println("epoch  train loss  test loss  accuracy  seconds");
        for (EpochRecord e : result.epochs()) {
            out.printf(Locale.ROOT, "%5d  %10s  %9.4f  %8.4f  %7.2f%n", e.epoch(),
                    Double.isNaN(e.trainLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", e.trainLoss()), e.testLoss(),
                    e.testAccuracy(), e.seconds());
        }
        out.println();
        out.println("epoch  layer              mu        sigma     KS       gap       spread    best law");
        for (EpochRecord e : result.epochs()) {
            for (LayerMicrostructure m : e.layers()) {
                out.printf(Locale.ROOT, "%5d  %-16s  %8.4f  %8.4f  %7.4f  %8.5f  %8.4f  %s%n", e.epoch(), m.name(),
                        m.mu(), m.sigma(), m.ks(), m.arbitrageGap(), m.utilitySpread(), m.bestFamily());
            }
        }
        out.println();
        out.println("neuron outputs on the test set: |output| over examples and units, zeros left out of the fit");
        out.println("epoch  layer              zero%   neg%      mu        sigma     KS       gap       best law");
        for (EpochRecord e : result.epochs()) {
            for (OutputMicrostructure neurons : e.outputs()) {
                LayerMicrostructure m = neurons.outputs();
                out.printf(Locale.ROOT, "%5d  %-16s  %5.1f  %5.1f  %8.4f  %8.4f  %7.4f  %8.5f  %s%n", e.epoch(), m.name(),
                        100.0 * m.zeros() / Math.max(1, m.n()), 100.0 * neurons.negatives() / Math.max(1, m.n()), m.mu(),
                        m.sigma(), m.ks(), m.arbitrageGap(), m.bestFamily());
            }
        }
        printWarmup(result, out);
        printSteps(result, out);
        EpochRecord last = result.last();
        out.println();
        for (LayerMicrostructure m : last.layers()) {
            out.printf(Locale.ROOT, "%-16s  %s%n", m.name(), m.verdict());
        }
        for (EpochRecord e : result.epochs()) {
            e.saved().ifPresent(file -> out.printf(Locale.ROOT, "saved       epoch %d: %s%n", e.epoch(), file));
        }
    }

    private static String join(int[] values) {
        return String.join(",", java.util.Arrays.stream(values).mapToObj(Integer::toString).toList());
    }

    private static List<String> layerNames(TrainingResult result) {
        return result.epochs().get(0).layers().stream().map(LayerMicrostructure::name).toList();
    }

    private static void printWarmup(TrainingResult result, PrintWriter out) {
        if (result.warmup().isEmpty()) {
            return;
        }
        out.println();
        out.println("warm-up: each layer's lattice law w = s * exp(mu + sigma * z) after the epoch");
        out.println("epoch  layer              mu        sigma");
        for (WarmupRecord w : result.warmup()) {
            for (WarmupRecord.LayerLaw law : w.layers()) {
                out.printf(Locale.ROOT, "%5d  %-16s  %8.4f  %8.4f%n", w.epoch(), law.name(), law.mu(), law.sigma());
            }
        }
    }

    private static void printSteps(TrainingResult result, PrintWriter out) {
        if (result.steps().isEmpty()) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "every %d steps (train loss: mean of the steps since the previous row)%n",
                result.options().trackEvery());
        out.println(" step  epoch  train loss  layer              mu        sigma     KS       gap       best law");
        for (StepRecord s : result.steps()) {
            for (LayerMicrostructure m : s.layers()) {
                out.printf(Locale.ROOT, "%5d  %5d  %10.4f  %-16s  %8.4f  %8.4f  %7.4f  %8.5f  %s%n", s.step(),
                        s.epoch(), s.trainLoss(), m.name(), m.mu(), m.sigma(), m.ks(), m.arbitrageGap(),
                        m.bestFamily());
            }
        }
    }

    private static String initText(Initializer init) {
        return init instanceof Initializer.Lognormal l ? "lognormal sigma " + TheoryCommand.n(l.sigma()) : init.label();
    }

    private static void writeJson(TrainingResult result, Writer writer) throws IOException {
        TrainingOptions o = result.options();
        try (JsonGenerator out = TheoryCommand.JSON.createGenerator(writer)) {
            out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            TheoryCommand.writeTool(out);
            out.writeObjectFieldStart("data");
            out.writeStringField("name", result.data());
            out.writeNumberField("train", result.trainSize());
            out.writeNumberField("test", result.testSize());
            out.writeEndObject();
            out.writeObjectFieldStart("options");
            out.writeArrayFieldStart("layers");
            for (int w : o.widths()) {
                out.writeNumber(w);
            }
            out.writeEndArray();
            if (o.isConvolutional()) {
                out.writeArrayFieldStart("conv");
                for (int c : o.convChannels()) {
                    out.writeNumber(c);
                }
                out.writeEndArray();
            }
            out.writeStringField("activation", o.activation().label());
            out.writeStringField("init", o.initializer().label());
            if (o.initializer() instanceof Initializer.Lognormal l) {
                number(out, "sigma", l.sigma());
            }
            out.writeStringField("optimizer", o.optimizer().kind().label());
            number(out, "learningRate", o.optimizer().learningRate());
            if (o.optimizer().kind() == OptimizerKind.SGD) {
                number(out, "momentum", o.optimizer().momentum());
            }
            number(out, "weightDecay", o.optimizer().weightDecay());
            out.writeNumberField("batch", o.batchSize());
            out.writeNumberField("epochs", o.epochs());
            out.writeNumberField("seed", o.seed());
            out.writeNumberField("warmupEpochs", o.warmupEpochs());
            out.writeNumberField("trackEvery", o.trackEvery());
            out.writeEndObject();
            if (o.initializer() instanceof Initializer.Fitted f) {
                FittedInitOptions.writeJson(f, o.widths(), layerNames(result), out);
            }
            out.writeObjectFieldStart("conventions");
            out.writeStringField("populations", "the weight of every dense layer, [out, in], and conv layer, [out, in, "
                    + "k, k]; biases not fitted");
            out.writeStringField("bins", LayerMicrostructure.BINS + " bins equal in ln|w| between min and max |w|");
            out.writeStringField("arbitrageGap", "KL(x || x*) in nats, x* the equilibrium of the fitted lognormal");
            out.writeStringField("utilitySpread", "count-weighted std of h_k over occupied bins");
            out.writeStringField("sigma", "std of ln|w| divided by n");
            out.writeStringField("epoch0", "at initialisation, before any step");
            out.writeStringField("warmup", "w = s * exp(mu + sigma * z): fixed signs s, z = quantile of N(0,1) at "
                    + "(r + 1/2)/n for the rank r of |w| in the initial draw; only mu, sigma and biases learn");
            out.writeStringField("steps", "every trackEvery steps and after the last; trainLoss is the mean of the "
                    + "steps since the previous record");
            out.writeEndObject();
            out.writeArrayFieldStart("epochs");
            for (EpochRecord e : result.epochs()) {
                out.writeStartObject();
                out.writeNumberField("epoch", e.epoch());
                number(out, "trainLoss", e.trainLoss());
                number(out, "testLoss", e.testLoss());
                number(out, "testAccuracy", e.testAccuracy());
                number(out, "seconds", e.seconds());
                if (e.saved().isPresent()) {
                    out.writeStringField("saved", e.saved().get().toString());
                } else {
                    out.writeNullField("saved");
                }
                writeLayers(e.layers(), out);
                out.writeArrayFieldStart("outputs");
                for (OutputMicrostructure neurons : e.outputs()) {
                    out.writeStartObject();
                    writeMicrostructure(neurons.outputs(), out);
                    out.writeNumberField("negatives", neurons.negatives());
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("warmup");
            for (WarmupRecord w : result.warmup()) {
                out.writeStartObject();
                out.writeNumberField("epoch", w.epoch());
                out.writeArrayFieldStart("layers");
                for (WarmupRecord.LayerLaw law : w.layers()) {
                    out.writeStartObject();
                    out.writeStringField("name", law.name());
                    number(out, "mu", law.mu());
                    number(out, "sigma", law.sigma());
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("steps");
            for (StepRecord s : result.steps()) {
                out.writeStartObject();
                out.writeNumberField("step", s.step());
                out.writeNumberField("epoch", s.epoch());
                out.writeNumberField("stepInEpoch", s.stepInEpoch());
                number(out, "trainLoss", s.trainLoss());
                out.writeNumberField("steps", s.steps());
                writeLayers(s.layers(), out);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
            out.writeRaw('\n');
        }
    }

    private static void writeLayers(List<LayerMicrostructure> layers, JsonGenerator out) throws IOException {
        out.writeArrayFieldStart("layers");
        for (LayerMicrostructure m : layers) {
            out.writeStartObject();
            writeMicrostructure(m, out);
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void writeMicrostructure(LayerMicrostructure m, JsonGenerator out) throws IOException {
        out.writeStringField("name", m.name());
        out.writeNumberField("n", m.n());
        out.writeNumberField("zeros", m.zeros());
        number(out, "mu", m.mu());
        number(out, "sigma", m.sigma());
        number(out, "ks", m.ks());
        number(out, "rms", m.rms());
        out.writeStringField("bestFamily", m.bestFamily());
        out.writeStringField("verdict", m.verdict());
        number(out, "arbitrageGap", m.arbitrageGap());
        number(out, "utilitySpread", m.utilitySpread());
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
