package org.jaynes.cli;

import static org.jaynes.cli.output.Json.number;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jaynes.cli.output.Numbers;
import org.jaynes.cli.output.FittedInitReport;
import org.jaynes.cli.output.Json;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.nn.data.DataSplit;
import org.jaynes.nn.data.IdxDirectory;
import org.jaynes.nn.data.TeacherStudent;
import org.jaynes.nn.experiment.Arm;
import org.jaynes.nn.experiment.InitExperiment;
import org.jaynes.nn.experiment.InitExperimentOptions;
import org.jaynes.nn.experiment.InitExperimentResult;
import org.jaynes.nn.experiment.InitializerSummary;
import org.jaynes.nn.experiment.PairVerdict;
import org.jaynes.nn.experiment.SeedSpread;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.layer.ActivationFunction;
import org.jaynes.nn.optim.OptimizerKind;
import org.jaynes.nn.optim.OptimizerOptions;
import org.jaynes.nn.train.TrainingOptions;
import org.jaynes.report.html.InitExperimentPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jaynes experiment}: controlled comparisons of training runs over seeds. For example
 * {@code jaynes experiment init --data teacher --epochs 3 --seeds 5}.
 */
@Command(name = "experiment",
        header = "Controlled comparisons of training runs over seeds",
        mixinStandardHelpOptions = true,
        description = "Controlled comparisons of training runs over seeds (docs/theory.md section 1, claim 7).",
        subcommands = ExperimentCommand.InitCommand.class)
final class ExperimentCommand implements Runnable {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code jaynes experiment init}: initialisers compared over seeds. */
    @Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Trains the same network on the same data once per initialiser and seed (seed, seed+1, "
                    + "...), and reports test accuracy and loss per epoch as mean +- sd over seeds, each "
                    + "initialiser's final layer sigma and best law, and for each proposal of the theory (lognormal, "
                    + "fitted, a warm-up arm) against each other arm whether the final mean accuracies differ by more "
                    + "than the seed spread: " + PairVerdict.RULE + "."},
            footer = {"", "Examples:",
                    "  jaynes experiment init --epochs 3 --seeds 5                the teacher task",
                    "  jaynes experiment init --data /usr/share/datasets/fashion-mnist --epochs 1 --seeds 5 --json -",
                    "  jaynes experiment init --epochs 3 --seeds 5 --warmup 1     adds lognormal+warmup 1",
                    "  jaynes experiment init --inits he,fitted --init-from model.safetensors",
                    "  jaynes experiment init --epochs 5 --seeds 5 --html init.html"})
    static final class InitCommand implements Callable<Integer> {

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR", description = "a folder of IDX files or 'teacher' (default: "
                + "teacher)")
        private String data = TrainCommand.TEACHER;

        @Option(names = "--layers", paramLabel = "N,N,...", description = "widths, input first (default: 16,64,4 "
                + "for the teacher task, 784,256,10 for IDX data)")
        private String layers;

        @Option(names = "--activation", paramLabel = "F", description = "relu, gelu or tanh (default: relu)")
        private String activation = "relu";

        @Option(names = "--inits", paramLabel = "I,I,...", description = "initialisers compared: he, xavier, "
                + "lognormal, fitted (default: he,xavier,lognormal)")
        private String inits = "he,xavier,lognormal";

        @Option(names = "--warmup", paramLabel = "E", description = "add one arm: --warmup-init followed by a "
                + "distribution-only warm-up of E epochs (only each layer's mu, sigma and the biases learn), then free "
                + "training (default: 0, no such arm)")
        private int warmup;

        @Option(names = "--warmup-init", paramLabel = "I", description = "the initialiser the warm-up arm starts "
                + "from; he and xavier start from the lognormal fit of their draw (default: lognormal)")
        private String warmupInit = "lognormal";

        @Mixin
        private FittedInitOptions fitted = new FittedInitOptions();

        @Option(names = "--sigma", paramLabel = "S", description = "sigma of ln|w| for lognormal (default: "
                + Initializer.DEFAULT_SIGMA + ")")
        private double sigma = Initializer.DEFAULT_SIGMA;

        @Option(names = "--optimizer", paramLabel = "RULE", description = "sgd, adam or adamw (default: adam)")
        private String optimizer = "adam";

        @Option(names = "--lr", paramLabel = "ETA", description = "learning rate (default: 0.01 for sgd, 0.001 "
                + "otherwise)")
        private Double learningRate;

        @Option(names = "--batch", paramLabel = "B", description = "examples per step (default: "
                + TrainingOptions.DEFAULT_BATCH + ")")
        private int batch = TrainingOptions.DEFAULT_BATCH;

        @Option(names = "--epochs", paramLabel = "E", description = "passes over the training set (default: "
                + TrainingOptions.DEFAULT_EPOCHS + ")")
        private int epochs = TrainingOptions.DEFAULT_EPOCHS;

        @Option(names = "--seeds", paramLabel = "N", description = "runs per initialiser (default: "
                + InitExperimentOptions.DEFAULT_SEEDS + ")")
        private int seeds = InitExperimentOptions.DEFAULT_SEEDS;

        @Option(names = "--seed", paramLabel = "N", description = "base seed; run k uses seed+k; also the teacher "
                + "task's seed (default: " + TrainingOptions.DEFAULT_SEED + ")")
        private long seed = TrainingOptions.DEFAULT_SEED;

        @Option(names = "--threads", paramLabel = "T", description = "threads of the matrix product; the result "
                + "does not depend on it (default: the number of processors)")
        private Integer threads;

        @Mixin
        private ReportOptions reports;

        @Override
        public Integer call() throws IOException, UsageException, ModelFormatException {
            ReportOptions.Targets targets = reports.targets();
            Optional<OutputTarget> jsonTarget = targets.json();
            Optional<OutputTarget> htmlTarget = targets.html();
            boolean reportOnStdout = targets.onStdout();
            boolean teacher = TrainCommand.TEACHER.equals(data);
            InitExperimentOptions options = options(teacher);
            DataSplit split = teacher ? TeacherStudent.generate(seed) : IdxDirectory.load(Path.of(data));
            TrainingPageInputs.SeedCurves seeds = new TrainingPageInputs.SeedCurves();
            InitExperimentResult result;
            try {
                result = InitExperiment.run(options, split, seeds);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (jsonTarget.isPresent()) {
                jsonTarget.get().write(out, writer -> writeJson(result, writer));
            }
            if (htmlTarget.isPresent()) {
                htmlTarget.get().write(out, writer -> InitExperimentPage.write(TrainingPageInputs.of(result, seeds),
                        Main.version(), writer));
            }
            if (!reportOnStdout) {
                print(result, out);
                out.flush();
            }
            return Main.OK;
        }

        private InitExperimentOptions options(boolean teacher) throws UsageException, ModelFormatException {
            int[] widths = TrainCommand.widths(layers, teacher);
            if (batch < 1) {
                throw new UsageException("--batch must be at least 1, not " + batch);
            }
            if (epochs < 0) {
                throw new UsageException("--epochs must be non-negative, not " + epochs);
            }
            if (seeds < 1) {
                throw new UsageException("--seeds must be at least 1, not " + seeds);
            }
            if (warmup < 0 || warmup > epochs) {
                throw new UsageException("--warmup must be in [0, --epochs " + epochs + "], not " + warmup);
            }
            List<String> names = new ArrayList<>(Arrays.asList(inits.split(",", -1)));
            if (warmup > 0) {
                names.add(warmupInit);
            }
            boolean fittedChosen = names.stream().anyMatch(n -> FittedInitOptions.FITTED.equalsIgnoreCase(n.trim()));
            fitted.checkUsed(fittedChosen, "--inits or --warmup-init");
            Initializer.Fitted source = fittedChosen ? fitted.fitted() : null;
            try {
                OptimizerOptions rule = OptimizerOptions.of(OptimizerKind.parse(optimizer));
                if (learningRate != null) {
                    rule = rule.withLearningRate(learningRate);
                }
                List<Arm> arms = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get(i);
                    Initializer init = FittedInitOptions.FITTED.equalsIgnoreCase(name.trim()) ? source
                            : Initializer.parse(name, sigma);
                    arms.add(new Arm(init, i == names.size() - 1 ? warmup : 0));
                }
                TrainingOptions training = TrainingOptions.DEFAULTS.withWidths(widths)
                        .withActivation(ActivationFunction.parse(activation)).withOptimizer(rule)
                        .withBatchSize(batch).withEpochs(epochs).withSeed(seed);
                if (threads != null) {
                    training = training.withThreads(threads);
                }
                return new InitExperimentOptions(training, arms, seeds);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    private static String pm(SeedSpread.Summary s) {
        return String.format(Locale.ROOT, "%.4f +- %s", s.mean(), Double.isNaN(s.standardDeviation()) ? "-"
                : String.format(Locale.ROOT, "%.4f", s.standardDeviation()));
    }

    private static void print(InitExperimentResult result, PrintWriter out) {
        InitExperimentOptions options = result.options();
        TrainingOptions o = options.training();
        out.printf(Locale.ROOT, "data        %s: %d training, %d test examples%n", result.data(), result.trainSize(),
                result.testSize());
        out.printf(Locale.ROOT, "network     %s, %s; %s lr %s, batch %d%n",
                String.join(",", Arrays.stream(o.widths()).mapToObj(Integer::toString).toList()),
                o.activation().label(), o.optimizer().kind().label(), Numbers.n(o.optimizer().learningRate()),
                o.batchSize());
        out.printf(Locale.ROOT, "seeds       %d (%d to %d); mean +- sd over seeds (sd with n - 1)%n", options.seeds(),
                options.seed(0), options.seed(options.seeds() - 1));
        Optional<Initializer.Fitted> fitted = fittedArm(result);
        if (fitted.isPresent()) {
            FittedInitReport.print(fitted.get(), o.widths(), layerNames(result), out);
        }
        for (Arm arm : options.arms()) {
            if (arm.warmupEpochs() > 0) {
                out.printf(Locale.ROOT, "warm-up     %s: epochs 1 to %d learn only each layer's (mu, sigma) and the "
                        + "biases%n", arm.label(), arm.warmupEpochs());
            }
        }
        out.println();
        out.println("init                     epoch  test accuracy        test loss");
        for (InitializerSummary s : result.initializers()) {
            for (InitializerSummary.EpochSummary e : s.epochs()) {
                out.printf(Locale.ROOT, "%-23s  %5d  %-19s  %s%n", armText(s.arm()), e.epoch(),
                        pm(e.testAccuracy()), pm(e.testLoss()));
            }
        }
        out.println();
        out.println("init                     layer             sigma (final)        best law (seeds)");
        for (InitializerSummary s : result.initializers()) {
            for (InitializerSummary.LayerSummary l : s.finalLayers()) {
                out.printf(Locale.ROOT, "%-23s  %-16s  %-19s  %s (%d of %d)%n", armText(s.arm()), l.name(),
                        pm(l.sigma()), l.bestFamily(), l.votes(), options.seeds());
            }
        }
        out.println();
        out.println("verdict     final test accuracy; " + PairVerdict.RULE);
        for (PairVerdict v : result.verdicts()) {
            out.println("            " + v.sentence());
        }
    }

    private static String armText(Arm arm) {
        Initializer init = arm.initializer();
        String text = init instanceof Initializer.Lognormal l ? "lognormal s=" + Numbers.n(l.sigma())
                : init.label();
        return arm.warmupEpochs() == 0 ? text : text + "+warmup " + arm.warmupEpochs();
    }

    /** The fitted initialiser of the experiment, if an arm uses one (all such arms share it). */
    private static Optional<Initializer.Fitted> fittedArm(InitExperimentResult result) {
        return result.options().arms().stream().map(Arm::initializer).filter(Initializer.Fitted.class::isInstance)
                .map(Initializer.Fitted.class::cast).findFirst();
    }

    private static List<String> layerNames(InitExperimentResult result) {
        return result.initializers().get(0).finalLayers().stream().map(InitializerSummary.LayerSummary::name)
                .toList();
    }

    private static void writeSummary(JsonGenerator out, String name, SeedSpread.Summary s) throws IOException {
        out.writeObjectFieldStart(name);
        out.writeNumberField("n", s.n());
        number(out, "mean", s.mean());
        number(out, "sd", s.standardDeviation());
        out.writeEndObject();
    }

    private static void writeJson(InitExperimentResult result, Writer writer) throws IOException {
        InitExperimentOptions options = result.options();
        TrainingOptions o = options.training();
        Json.report(writer, out -> {
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
            out.writeStringField("activation", o.activation().label());
            out.writeStringField("optimizer", o.optimizer().kind().label());
            number(out, "learningRate", o.optimizer().learningRate());
            out.writeNumberField("batch", o.batchSize());
            out.writeNumberField("epochs", o.epochs());
            out.writeNumberField("seed", o.seed());
            out.writeNumberField("seeds", options.seeds());
            out.writeEndObject();
            Optional<Initializer.Fitted> fitted = fittedArm(result);
            if (fitted.isPresent()) {
                FittedInitReport.writeJson(fitted.get(), o.widths(), layerNames(result), out);
            }
            out.writeObjectFieldStart("conventions");
            out.writeStringField("seeds", "run k uses seed + k for every initialiser");
            out.writeStringField("sd", "sample standard deviation over seeds (n - 1); null for one seed");
            out.writeStringField("verdict", PairVerdict.RULE + ", on the final epoch's test accuracy");
            out.writeStringField("sigma", "std of ln|w| of the layer's weights after the last epoch");
            out.writeStringField("epoch0", "at initialisation, before any step");
            out.writeStringField("warmup", "an arm with warmupEpochs E > 0 learns only each layer's (mu, sigma) of "
                    + "w = s * exp(mu + sigma * z) and the biases for its first E epochs");
            out.writeEndObject();
            out.writeArrayFieldStart("initializers");
            for (InitializerSummary s : result.initializers()) {
                out.writeStartObject();
                out.writeStringField("arm", s.arm().label());
                out.writeStringField("init", s.initializer().label());
                if (s.initializer() instanceof Initializer.Lognormal l) {
                    number(out, "sigma", l.sigma());
                }
                out.writeNumberField("warmupEpochs", s.arm().warmupEpochs());
                out.writeArrayFieldStart("epochs");
                for (InitializerSummary.EpochSummary e : s.epochs()) {
                    out.writeStartObject();
                    out.writeNumberField("epoch", e.epoch());
                    writeSummary(out, "testAccuracy", e.testAccuracy());
                    writeSummary(out, "testLoss", e.testLoss());
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeArrayFieldStart("finalLayers");
                for (InitializerSummary.LayerSummary l : s.finalLayers()) {
                    out.writeStartObject();
                    out.writeStringField("name", l.name());
                    writeSummary(out, "sigma", l.sigma());
                    out.writeStringField("bestFamily", l.bestFamily());
                    out.writeNumberField("votes", l.votes());
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("verdicts");
            for (PairVerdict v : result.verdicts()) {
                out.writeStartObject();
                out.writeStringField("first", v.first());
                out.writeStringField("second", v.second());
                out.writeStringField("metric", v.metric());
                number(out, "difference", v.difference());
                number(out, "threshold", v.threshold());
                out.writeStringField("outcome", v.outcome().label());
                out.writeStringField("sentence", v.sentence());
                out.writeEndObject();
            }
            out.writeEndArray();
        });
    }
}
