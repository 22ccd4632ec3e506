package org.jaynes.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jaynes.core.Checks;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.nn.data.DataSplit;
import org.jaynes.nn.data.IdxDirectory;
import org.jaynes.nn.data.TeacherStudent;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.layer.ActivationFunction;
import org.jaynes.nn.layer.ConvBlock;
import org.jaynes.nn.layer.Network;
import org.jaynes.nn.optim.OptimizerKind;
import org.jaynes.nn.optim.OptimizerOptions;
import org.jaynes.nn.tensor.ImageShape;
import org.jaynes.nn.train.Trainer;
import org.jaynes.nn.train.TrainingOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The training set-up {@code train} and {@code experiment init} share (a mixin): the data, the network,
 * the optimiser, batches, epochs, seed and threads, and the options of the fitted initialiser. What
 * each command adds (initialisers, warm-up, saving, seeds) stays with it.
 */
final class TrainingSetup {

    static final String TEACHER = "teacher";
    private static final int[] TEACHER_LAYERS = {TeacherStudent.DEFAULT_INPUTS, 64, TeacherStudent.DEFAULT_CLASSES};
    private static final int[] IDX_LAYERS = {784, 256, 10};

    @Option(names = "--data", paramLabel = "DIR", description = "a folder of IDX files (train-images-idx3-ubyte[.gz] "
            + "and the other three) or 'teacher' (default: teacher)")
    private String data = TEACHER;

    @Option(names = "--layers", paramLabel = "N,N,...", description = "widths, input first (default: 16,64,4 for "
            + "the teacher task, 784,256,10 for IDX data); with --conv the dense part, from the values the conv blocks "
            + "leave to the classes", converter = OptionConverters.Layers.class)
    private IntegerList layers;

    @Option(names = "--conv", paramLabel = "BLOCK,...", description = "conv blocks before the dense layers, each "
            + "a convolution, the activation and a 2x2 max-pool, spelt CHANNELS[:KxK][/STRIDE][pPADDING]: 8 is 8 "
            + "channels 3x3, stride 1, padding 1; 16:5x5/2 is 5x5, stride 2, padding 2 (absent padding: k/2); "
            + "16:5x5/2p0 has no padding. The dense layers then start with the number of values the blocks leave "
            + "(default for --layers: that number and the classes); needs image data (IDX); empty or absent: a "
            + "multilayer perceptron", converter = OptionConverters.ConvBlocks.class)
    private List<ConvBlock> conv = List.of();

    @Option(names = "--activation", paramLabel = "F", description = "relu, gelu (tanh form) or tanh (default: relu)",
            converter = OptionConverters.Activation.class)
    private ActivationFunction activation = ActivationFunction.parse("relu");

    @Mixin
    private FittedInitOptions fitted = new FittedInitOptions();

    @Option(names = "--sigma", paramLabel = "S", description = "sigma of ln|w| for the lognormal initialiser "
            + "(default: " + Initializer.DEFAULT_SIGMA + ")")
    private Double sigma;

    @Option(names = "--optimizer", paramLabel = "RULE", description = "sgd (momentum 0.9), adam or adamw "
            + "(default: adam)", converter = OptionConverters.Optimizer.class)
    private OptimizerKind optimizer = OptimizerKind.parse("adam");

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
            + "teacher task; in an experiment run k uses seed+k (default: " + TrainingOptions.DEFAULT_SEED + ")")
    private long seed = TrainingOptions.DEFAULT_SEED;

    @Option(names = "--threads", paramLabel = "T", description = "threads of the matrix product; the result does not "
            + "depend on it (default: the number of processors)")
    private Integer threads;

    FittedInitOptions fitted() {
        return fitted;
    }

    /** {@code --sigma} as given; empty when it was not. */
    Optional<Double> sigmaGiven() {
        return Optional.ofNullable(sigma);
    }

    /** {@code --sigma}, or the lognormal initialiser's default. */
    double sigma() {
        return sigma == null ? Initializer.DEFAULT_SIGMA : sigma;
    }

    int epochs() {
        return epochs;
    }

    /** Refuses a batch below 1 and negative epochs. */
    void checkCounts() throws UsageException {
        UsageException.check(() -> Checks.atLeast("--batch", batch, 1));
        UsageException.check(() -> Checks.nonNegative("--epochs", epochs));
    }

    /** Refuses warm-up epochs outside [0, --epochs]: the warm-up is part of the run. */
    void checkWarmup(int warmup) throws UsageException {
        if (warmup < 0 || warmup > epochs) {
            throw new UsageException("--warmup must be in [0, --epochs " + epochs + "], not " + warmup);
        }
    }

    /** The update rule of {@code --optimizer} with {@code --lr}, {@code --momentum} and {@code --weight-decay}. */
    OptimizerOptions optimizer() throws UsageException {
        if (momentum != null && optimizer != OptimizerKind.SGD) {
            throw new UsageException("--momentum applies to --optimizer sgd only");
        }
        return UsageException.build(() -> {
            OptimizerOptions rule = OptimizerOptions.of(optimizer);
            if (learningRate != null) {
                rule = rule.withLearningRate(learningRate);
            }
            if (momentum != null) {
                rule = rule.withMomentum(momentum);
            }
            if (weightDecay != null) {
                rule = rule.withWeightDecay(weightDecay);
            }
            return rule;
        });
    }

    /**
     * The training options these settings give, without an initialiser: {@code widths} (from
     * {@link #widths}), the conv blocks, activation, update rule {@code rule}, batch, epochs, seed, threads.
     */
    TrainingOptions training(int[] widths, OptimizerOptions rule) throws UsageException {
        return UsageException.build(() -> {
            TrainingOptions options = TrainingOptions.DEFAULTS.withWidths(widths).withConvBlocks(conv)
                    .withActivation(activation)
                    .withOptimizer(rule).withBatchSize(batch).withEpochs(epochs).withSeed(seed);
            return threads == null ? options : options.withThreads(threads);
        });
    }

    boolean teacher() {
        return TEACHER.equals(data);
    }

    /** The data: the teacher task of this seed, or the IDX files of {@code --data}. */
    DataSplit split() throws IOException, ModelFormatException {
        return teacher() ? TeacherStudent.generate(seed) : IdxDirectory.load(Path.of(data));
    }

    /**
     * {@code options} fitted to the data (the dense widths {@code --conv} implies when --layers is absent) and
     * checked against it ({@link Trainer#checkData}), as {@code train} and {@code experiment init} both run.
     */
    TrainingOptions forData(TrainingOptions options, DataSplit split) throws UsageException {
        TrainingOptions fitted = withDataWidths(options, split);
        UsageException.check(() -> Trainer.checkData(fitted, split));
        return fitted;
    }

    private TrainingOptions withDataWidths(TrainingOptions options, DataSplit split) throws UsageException {
        if (!options.isConvolutional() || layers != null) {
            return options;
        }
        Optional<ImageShape> image = split.train().imageShape();
        if (image.isEmpty()) {
            throw new UsageException(String.format(Locale.ROOT, "--conv needs image data, but %s has rows of %d "
                    + "features without an image shape", split.name(), split.train().features()));
        }
        return UsageException.build(() -> options.withWidths(new int[] {
            Network.afterBlocks(image.get(), options.convBlocks()).size(), split.train().classes()}));
    }

    /** The widths of {@code --layers}, input first, or the defaults for the data. */
    int[] widths() {
        if (layers == null) {
            return (teacher() ? TEACHER_LAYERS : IDX_LAYERS).clone();
        }
        return layers.copy();
    }
}
