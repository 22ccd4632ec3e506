package org.jaynes.cli;


import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jaynes.cli.output.TrainingReport;
import org.jaynes.core.Checks;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.nn.data.DataSplit;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.optim.OptimizerOptions;
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
                "  jaynes train --data /usr/share/datasets/fashion-mnist --conv 16:5x5/2,32",
                "                 5x5 stride 2 padding 2: 16x14x14 -> pool 16x7x7 -> conv 3x3 32 -> 32x3x3 = 288 -> 10",
                "  jaynes train --data teacher --init lognormal --sigma 0.8 --epochs 10",
                "  jaynes train --init fitted --init-from model.safetensors --warmup 1 --epochs 3",
                "  jaynes train --epochs 2 --track-every 100 --json run.json",
                "  jaynes train --optimizer sgd --lr 0.05 --save-epochs 0,5,10 --save runs/a --epochs 10",
                "  jaynes train --epochs 20 --save-every 2 --save runs/b && jaynes survey --checkpoints runs/b --out s",

                "  jaynes train --epochs 10 --html train.html"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private TrainingSetup setup;

    @Option(names = "--init", paramLabel = "INIT", description = "he, xavier, lognormal (signed lognormal magnitudes "
            + "with He's E[w^2]) or fitted (each layer from the lognormal fitted to a layer of --init-from) "
            + "(default: he)", converter = OptionConverters.Init.class)
    private InitChoice init = InitChoice.parse("he");

    @Option(names = "--warmup", paramLabel = "E", description = "distribution-only warm-up: for the first E epochs "
            + "each layer's weights are fixed signed quantiles of LN(mu, sigma) and only (mu, sigma) and the biases "
            + "learn; then all weights train freely (default: 0)")
    private int warmup;

    @Option(names = "--track-every", paramLabel = "K", description = "also record every layer's microstructure and "
            + "the mean train loss every K steps (default: 0, per epoch only)")
    private int trackEvery;

    @Option(names = "--save-epochs", paramLabel = "E,E,...", description = "save the weights as safetensors after "
            + "these epochs (0: at initialisation); needs --save", converter = OptionConverters.Epochs.class)
    private IntegerList saveEpochs;

    @Option(names = "--save-every", paramLabel = "K", description = "save the weights after epochs 0, K, 2K, ... "
            + "and the last: a checkpoint series for 'jaynes survey --checkpoints DIR'; needs --save")
    private Integer saveEvery;

    @Option(names = "--save", paramLabel = "DIR", description = "folder for the saved weights, epoch-E.safetensors "
            + "(default with --save-epochs: none; with --save alone: the last epoch)")
    private Path save;

    @Mixin
    private ReportOptions reports;

    @Override
    public Integer call() throws IOException, UsageException, ModelFormatException {
        ReportOptions.Targets targets = reports.targets();
        TrainingOptions validated = options();
        DataSplit split = setup.split();
        TrainingOptions options = setup.forData(validated, split);
        EpochProgress progress = !reports.progressShown() ? null : new EpochProgress(System.err);
        TrainingResult result;
        try {
            result = Trainer.run(options, split, progress == null ? TrainingListener.NONE : progress);
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        targets.write(out, writer -> TrainingReport.writeJson(result, writer),
                writer -> TrainingPage.write(TrainingPageInputs.of(result), Main.version(), writer),
                printer -> TrainingReport.print(result, printer));
        return Main.OK;
    }

    private TrainingOptions options() throws UsageException, ModelFormatException {
        int[] widths = setup.widths();
        if (setup.sigmaGiven().isPresent() && !(init instanceof InitChoice.Lognormal)) {
            throw new UsageException("--sigma applies to --init lognormal only");
        }
        int epochs = setup.epochs();
        setup.checkWarmup(warmup);
        UsageException.check(() -> Checks.nonNegative("--track-every", trackEvery));
        Initializer initializer = setup.fitted().bind(List.of(init), setup.sigma(), "--init").get(0);
        OptimizerOptions rule = setup.optimizer();
        setup.checkCounts();
        TrainingOptions base = setup.training(widths, rule);
        TrainingOptions options = UsageException.build(() -> base.withInitializer(initializer)
                .withWarmupEpochs(warmup).withTrackEvery(trackEvery));
        if (saveEpochs != null && save == null) {
            throw new UsageException("--save-epochs needs --save DIR");
        }
        if (saveEvery != null && (save == null || saveEpochs != null || saveEvery < 1)) {
            throw new UsageException("--save-every needs --save DIR, a K of at least 1, and no --save-epochs");
        }
        if (save == null) {
            return options;
        }
        SortedSet<Integer> chosen = new TreeSet<>();
        if (saveEvery != null) {
            for (int e = 0; e < epochs; e += saveEvery) {
                chosen.add(e);
            }
            chosen.add(epochs);
        } else if (saveEpochs == null) {
            chosen.add(epochs);
        } else {
            for (int e : saveEpochs.values()) {
                if (e > epochs) {
                    throw new UsageException("--save-epochs " + e + " is after the last epoch, " + epochs);
                }
                chosen.add(e);
            }
        }
        return UsageException.build(() -> options.withSaving(chosen, save));
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
