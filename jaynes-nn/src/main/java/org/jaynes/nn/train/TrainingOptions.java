package org.jaynes.nn.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jaynes.core.Checks;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.layer.ActivationFunction;
import org.jaynes.nn.layer.ConvBlock;
import org.jaynes.nn.optim.OptimizerKind;
import org.jaynes.nn.optim.OptimizerOptions;

/**
 * Everything a training run depends on; one value serves the CLI and the Java API. Every default is in
 * {@link #DEFAULTS}. Immutable; change with the {@code with…} copies.
 *
 * @param widths      dense layer widths, input first ({@code [784, 256, 10]}); the data must match the ends
 *                    (with conv blocks, the first is the number of values the blocks leave)
 * @param activation  between dense layers
 * @param initializer of the dense weights (biases start at zero)
 * @param optimizer   the update rule and its constants
 * @param batchSize   examples per step
 * @param epochs      passes over the training set
 * @param seed        initial weights and the order of examples; the same seed gives the same run bit for bit
 * @param threads     threads of the matrix product (the result does not depend on it)
 * @param saveEpochs  after which epochs to save the weights (0 = at initialisation)
 * @param saveDir     where to save them; required when {@code saveEpochs} is not empty
 * @param warmupEpochs the first epochs in which only each layer's (μ, σ) and the biases learn (0: none), at most
 *                    {@code epochs}; see {@link org.jaynes.nn.warmup.DistributionWarmup}
 * @param trackEvery  record every layer's microstructure every this many steps as well (0: per epoch only)
 * @param convBlocks  the conv blocks (convolution → activation → max-pool 2) before the dense layers, each
 *                    with its channels, kernel, stride and padding; empty for a multilayer perceptron (see
 *                    {@code Network.cnn})
 */
public record TrainingOptions(int[] widths, ActivationFunction activation, Initializer initializer,
                              OptimizerOptions optimizer, int batchSize, int epochs, long seed, int threads,
                              SortedSet<Integer> saveEpochs, Optional<Path> saveDir, int warmupEpochs,
                              int trackEvery, List<ConvBlock> convBlocks) {

    public static final int DEFAULT_BATCH = 64;
    public static final int DEFAULT_EPOCHS = 1;
    public static final long DEFAULT_SEED = 1;
    /** Test rows per forward pass when measuring. */
    public static final int EVALUATION_BATCH = 512;

    /** 784-256-10, ReLU, He, Adam (lr 1e-3), batch 64, one epoch, seed 1, all processors. */
    public static final TrainingOptions DEFAULTS = new TrainingOptions(new int[] {784, 256, 10},
            ActivationFunction.RELU, new Initializer.He(), OptimizerOptions.of(OptimizerKind.ADAM), DEFAULT_BATCH,
            DEFAULT_EPOCHS, DEFAULT_SEED, Runtime.getRuntime().availableProcessors(), new TreeSet<>(),
            Optional.empty(), 0, 0, List.of());

    public TrainingOptions {
        widths = widths.clone();
        if (widths.length < 2) {
            throw new IllegalArgumentException("layers need at least an input and an output width, not "
                    + Arrays.toString(widths));
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("layer widths must be positive, not " + Arrays.toString(widths));
            }
        }
        Checks.atLeast("batch size", batchSize, 1);
        Checks.nonNegative("epochs", epochs);
        Checks.atLeast("threads", threads, 1);
        saveEpochs = Collections.unmodifiableSortedSet(new TreeSet<>(saveEpochs));
        for (int e : saveEpochs) {
            if (e < 0 || e > epochs) {
                throw new IllegalArgumentException("save epoch " + e + " is not in [0, " + epochs + "]");
            }
        }
        if (!saveEpochs.isEmpty() && saveDir.isEmpty()) {
            throw new IllegalArgumentException("saving weights needs a folder");
        }
        if (warmupEpochs < 0 || warmupEpochs > epochs) {
            throw new IllegalArgumentException("warm-up epochs must be in [0, " + epochs + "], not " + warmupEpochs);
        }
        Checks.nonNegative("track-every", trackEvery);
        convBlocks = List.copyOf(convBlocks);
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    public TrainingOptions withWidths(int... value) {
        return copy(c -> c.widths = value);
    }

    public TrainingOptions withActivation(ActivationFunction value) {
        return copy(c -> c.activation = value);
    }

    public TrainingOptions withInitializer(Initializer value) {
        return copy(c -> c.initializer = value);
    }

    public TrainingOptions withOptimizer(OptimizerOptions value) {
        return copy(c -> c.optimizer = value);
    }

    public TrainingOptions withBatchSize(int value) {
        return copy(c -> c.batchSize = value);
    }

    public TrainingOptions withEpochs(int value) {
        return copy(c -> c.epochs = value);
    }

    public TrainingOptions withSeed(long value) {
        return copy(c -> c.seed = value);
    }

    public TrainingOptions withThreads(int value) {
        return copy(c -> c.threads = value);
    }

    /** Saves the weights after each of {@code epochs} into {@code dir}. */
    public TrainingOptions withSaving(SortedSet<Integer> epochs, Path dir) {
        return copy(c -> {
            c.saveEpochs = epochs;
            c.saveDir = Optional.of(dir);
        });
    }

    /** The output channels of each conv block, in order. */
    public int[] convChannels() {
        return convBlocks.stream().mapToInt(ConvBlock::channels).toArray();
    }

    /** True when conv blocks come before the dense layers. */
    public boolean isConvolutional() {
        return !convBlocks.isEmpty();
    }

    /** 3×3 conv blocks (stride 1, padding 1) with these output channels; none for a multilayer perceptron. */
    public TrainingOptions withConvChannels(int... value) {
        for (int c : value) {
            if (c < 1) {
                throw new IllegalArgumentException("conv channels must be positive, not " + Arrays.toString(value));
            }
        }
        return withConvBlocks(ConvBlock.of(value));
    }

    /** These conv blocks before the dense layers; none for a multilayer perceptron. */
    public TrainingOptions withConvBlocks(List<ConvBlock> value) {
        return copy(c -> c.convBlocks = value);
    }

    /** Learns only each layer's (μ, σ) and the biases for the first {@code value} epochs. */
    public TrainingOptions withWarmupEpochs(int value) {
        return copy(c -> c.warmupEpochs = value);
    }

    /** Records the microstructure every {@code value} steps too (0: per epoch only). */
    public TrainingOptions withTrackEvery(int value) {
        return copy(c -> c.trackEvery = value);
    }

    /** A copy with the changes {@code change} makes; the constructor checks the result. */
    private TrainingOptions copy(Consumer<Fields> change) {
        Fields fields = new Fields();
        change.accept(fields);
        return fields.options();
    }

    /** The components of a copy being made, first this value's; each wither changes one or two of them. */
    private final class Fields {
        int[] widths = TrainingOptions.this.widths;
        ActivationFunction activation = TrainingOptions.this.activation;
        Initializer initializer = TrainingOptions.this.initializer;
        OptimizerOptions optimizer = TrainingOptions.this.optimizer;
        int batchSize = TrainingOptions.this.batchSize;
        int epochs = TrainingOptions.this.epochs;
        long seed = TrainingOptions.this.seed;
        int threads = TrainingOptions.this.threads;
        SortedSet<Integer> saveEpochs = TrainingOptions.this.saveEpochs;
        Optional<Path> saveDir = TrainingOptions.this.saveDir;
        int warmupEpochs = TrainingOptions.this.warmupEpochs;
        int trackEvery = TrainingOptions.this.trackEvery;
        List<ConvBlock> convBlocks = TrainingOptions.this.convBlocks;

        TrainingOptions options() {
            return new TrainingOptions(widths, activation, initializer, optimizer, batchSize, epochs, seed, threads,
                    saveEpochs, saveDir, warmupEpochs, trackEvery, convBlocks);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrainingOptions o && Arrays.equals(widths, o.widths) && activation == o.activation
                && initializer.equals(o.initializer) && optimizer.equals(o.optimizer) && batchSize == o.batchSize
                && epochs == o.epochs && seed == o.seed && threads == o.threads && saveEpochs.equals(o.saveEpochs)
                && saveDir.equals(o.saveDir) && warmupEpochs == o.warmupEpochs && trackEvery == o.trackEvery
                && convBlocks.equals(o.convBlocks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(widths) * 31 + java.util.Objects.hash(activation, initializer, optimizer, batchSize,
                epochs, seed, threads, saveEpochs, saveDir, warmupEpochs, trackEvery, convBlocks);
    }

    @Override
    public String toString() {
        return "TrainingOptions[widths=" + Arrays.toString(widths) + ", activation=" + activation + ", initializer="
                + initializer + ", optimizer=" + optimizer + ", batchSize=" + batchSize + ", epochs=" + epochs
                + ", seed=" + seed + ", threads=" + threads + ", saveEpochs=" + saveEpochs + ", saveDir=" + saveDir
                + ", warmupEpochs=" + warmupEpochs + ", trackEvery=" + trackEvery
                + ", convBlocks=" + convBlocks + "]";
    }
}
