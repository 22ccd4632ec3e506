package org.jaynes.nn.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.core.analysis.ActivationSite;
import org.jaynes.nn.data.DataSplit;
import org.jaynes.nn.data.Dataset;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.init.LayerPosition;
import org.jaynes.nn.init.SignedLognormal;
import org.jaynes.nn.layer.ConvBlock;
import org.jaynes.nn.layer.Network;
import org.jaynes.nn.layer.SoftmaxCrossEntropy;
import org.jaynes.nn.layer.WeightedLayer;
import org.jaynes.nn.optim.Optimizer;
import org.jaynes.nn.tensor.ImageShape;
import org.jaynes.nn.tensor.MatrixProduct;
import org.jaynes.nn.track.LayerMicrostructure;
import org.jaynes.nn.track.OutputMicrostructure;
import org.jaynes.nn.warmup.DistributionWarmup;
import org.jaynes.nn.warmup.WarmupRecord;

/**
 * Trains a multilayer perceptron, or a convolutional network when the options name conv blocks, by
 * mini-batch gradient descent and measures, at initialisation and after every epoch, the test loss and
 * accuracy and the microstructure of every weight (convolutions and dense layers, in order).
 *
 * <pre>{@code
 * TrainingResult run = Trainer.run(TrainingOptions.DEFAULTS.withWidths(32, 64, 4).withEpochs(5),
 *         TeacherStudent.generate(1), TrainingListener.NONE);
 * run.last().testAccuracy();
 * }</pre>
 *
 * <p>Reproducible: one generator (XoRoShiRo128++, seeded with {@code options.seed()}) draws the initial
 * weights, layer by layer, and then each epoch's order of examples (Fisher–Yates); the matrix product
 * gives the same bits on any number of threads. The last batch of an epoch may be smaller. A step
 * allocates nothing.
 *
 * <p>With {@code warmupEpochs} E &gt; 0 the first E epochs learn only each layer's (μ, σ) and the biases
 * ({@link DistributionWarmup}), starting from the initialiser's law or, for He and Xavier, the lognormal
 * fit of their draw; then one optimizer trains every parameter freely. With {@code trackEvery} K &gt; 0 the
 * microstructure is also recorded every K steps and after the last step: ⌈steps/K⌉ {@link StepRecord}s.
 */
public final class Trainer {

    private Trainer() {
    }

    /**
     * Runs {@code options} on {@code data}.
     *
     * @throws IllegalArgumentException when the widths do not match the data's features and classes
     * @throws IOException              when saving weights fails
     */
    public static TrainingResult run(TrainingOptions options, DataSplit data, TrainingListener listener)
            throws IOException {
        Dataset train = data.train();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(options.seed());
        int maxRows = Math.max(options.batchSize(), TrainingOptions.EVALUATION_BATCH);
        try (MatrixProduct product = MatrixProduct.withThreads(options.threads())) {
            Network network = network(options, data, maxRows, product);
            initialize(network.weightedLayers(), options.initializer(), rng);
            DistributionWarmup warmup = options.warmupEpochs() > 0
                    ? DistributionWarmup.start(network.weightedLayers(), laws(network.weightedLayers(),
                    options.initializer()), options.optimizer())
                    : null;
            Session session = new Session(options, data, network, maxRows);
            List<EpochRecord> epochs = new ArrayList<>();
            List<WarmupRecord> warmupRecords = new ArrayList<>();
            epochs.add(session.measure(0, Double.NaN, 0, 0));
            listener.epoch(epochs.get(0));
            if (warmup != null) {
                warmupRecords.add(warmup.record(0));
            }
            Optimizer optimizer = null;
            int[] order = new int[train.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                PermutationSampler.shuffle(rng, order);
                boolean warming = epoch <= options.warmupEpochs();
                if (!warming && optimizer == null) {
                    optimizer = new Optimizer(options.optimizer(), network.parameters());
                }
                long started = System.nanoTime();
                long cpuStarted = processCpuNanos();
                double loss = session.trainEpoch(epoch, order, warming ? warmup::step : optimizer::step, listener);
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
                EpochRecord record = session.measure(epoch, loss, seconds, cpuSeconds);
                epochs.add(record);
                if (warming) {
                    warmupRecords.add(warmup.record(epoch));
                }
                listener.epoch(record);
            }
            List<float[]> weights = new ArrayList<>();
            for (WeightedLayer layer : network.weightedLayers()) {
                weights.add(layer.weight().values().clone());
            }
            return new TrainingResult(options, data.name(), train.size(), data.test().size(), epochs, weights,
                    session.stepRecords(), warmupRecords);
        }
    }

    /**
     * Checks that the network of {@code options} fits the data: its inputs (or image shape) and classes;
     * {@link #run} makes the same check, so a caller can tell a mismatch, which is bad input, from a
     * failure of the run.
     *
     * @throws IllegalArgumentException when they do not fit
     */
    public static void checkData(TrainingOptions options, DataSplit data) {
        int[] widths = options.widths();
        Dataset train = data.train();
        if (!options.isConvolutional()) {
            if (widths[0] != train.features() || widths[widths.length - 1] != train.classes()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the layers %s need %d inputs and %d "
                        + "classes, but the data %s has %d features and %d classes", widthText(widths), widths[0],
                        widths[widths.length - 1], data.name(), train.features(), train.classes()));
            }
            return;
        }
        if (widths[widths.length - 1] != train.classes()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the layers %s end in %d classes, but the "
                    + "data %s has %d classes", widthText(widths), widths[widths.length - 1], data.name(),
                    train.classes()));
        }
        if (train.imageShape().isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the conv blocks %s need images, but the "
                    + "data %s are rows of %d features without an image shape", ConvBlock.toString(options.convBlocks()),
                    data.name(), train.features()));
        }
        Network.checkCnn(train.imageShape().get(), options.convBlocks(), widths);
    }

    /** The network of {@code options}, checked against the data ({@link #checkData}). */
    private static Network network(TrainingOptions options, DataSplit data, int maxRows, MatrixProduct product) {
        checkData(options, data);
        int[] widths = options.widths();
        if (!options.isConvolutional()) {
            return Network.mlp(widths, options.activation(), maxRows, product);
        }
        return Network.cnn(data.train().imageShape().orElseThrow(), options.convBlocks(), widths,
                options.activation(), maxRows, product);
    }

    /** Draws every weight, layer by layer, from {@code rng}. */
    private static void initialize(List<WeightedLayer> layers, Initializer init, UniformRandomProvider rng) {
        for (int l = 0; l < layers.size(); l++) {
            init.fill(layers.get(l).weight().values(), position(layers, l), rng);
        }
    }

    /**
     * The signed lognormal each freshly drawn layer was drawn from, or, for an initialiser that draws from none,
     * the maximum-likelihood fit to its draw: where a warm-up starts.
     */
    private static List<SignedLognormal> laws(List<WeightedLayer> layers, Initializer init) {
        List<SignedLognormal> laws = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            float[] values = layers.get(l).weight().values();
            laws.add(init.law(position(layers, l)).orElseGet(() -> SignedLognormal.fit(values)));
        }
        return laws;
    }

    private static LayerPosition position(List<WeightedLayer> layers, int l) {
        WeightedLayer layer = layers.get(l);
        return new LayerPosition(l, layers.size(), layer.fanIn(), layer.fanOut());
    }

    /** CPU time of the whole process so far, every thread counted; 0 where the platform does not tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    static String widthText(int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int w : widths) {
            text.append(text.length() == 0 ? "" : ",").append(w);
        }
        return text.toString();
    }

    /** The buffers of one run. */
    private static final class Session {
        private final TrainingOptions options;
        private final DataSplit data;
        private final Network network;
        private final SoftmaxCrossEntropy loss;
        private final float[] inputs;
        private final int[] labels;
        private final List<StepRecord> stepRecords = new ArrayList<>();
        private long stepsTaken;
        private double recentLoss;
        private int recentSteps;

        Session(TrainingOptions options, DataSplit data, Network network, int maxRows) {
            this.options = options;
            this.data = data;
            this.network = network;
            this.loss = new SoftmaxCrossEntropy(network.outputSize(), maxRows);
            this.inputs = new float[maxRows * network.inputSize()];
            this.labels = new int[maxRows];
        }

        /** Every step of an epoch; {@code update} applies the gradients of the step's backward pass. */
        double trainEpoch(int epoch, int[] order, Runnable update, TrainingListener listener) {
            Dataset train = data.train();
            int batch = options.batchSize();
            int features = train.features();
            int steps = (order.length + batch - 1) / batch;
            double sum = 0;
            for (int step = 0; step < steps; step++) {
                int from = step * batch;
                int rows = Math.min(batch, order.length - from);
                for (int r = 0; r < rows; r++) {
                    int example = order[from + r];
                    train.copyRow(example, inputs, r * features);
                    labels[r] = train.label(example);
                }
                float[] logits = network.forward(inputs, rows);
                double stepLoss = loss.lossAndGradient(logits, labels, 0, rows);
                network.backward(loss.gradient(), rows);
                update.run();
                sum += stepLoss * rows;
                track(epoch, step + 1, epoch == options.epochs() && step + 1 == steps, stepLoss);
                listener.step(epoch, step + 1, steps, stepLoss);
            }
            return sum / order.length;
        }

        /** Records the microstructure every {@code trackEvery} steps and after the run's last step. */
        private void track(int epoch, int stepInEpoch, boolean lastOfRun, double stepLoss) {
            stepsTaken++;
            if (options.trackEvery() == 0) {
                return;
            }
            recentLoss += stepLoss;
            recentSteps++;
            if (stepsTaken % options.trackEvery() == 0 || lastOfRun) {
                stepRecords.add(new StepRecord(stepsTaken, epoch, stepInEpoch, recentLoss / recentSteps, recentSteps,
                        microstructure()));
                recentLoss = 0;
                recentSteps = 0;
            }
        }

        List<StepRecord> stepRecords() {
            return stepRecords;
        }

        private List<LayerMicrostructure> microstructure() {
            List<LayerMicrostructure> layers = new ArrayList<>();
            for (WeightedLayer layer : network.weightedLayers()) {
                layers.add(LayerMicrostructure.of(layer.weight().name(), layer.weight().values()));
            }
            return layers;
        }

        EpochRecord measure(int epoch, double trainLoss, double seconds, double cpuSeconds) throws IOException {
            Dataset test = data.test();
            int features = test.features();
            double lossSum = 0;
            long correct = 0;
            List<ActivationSite> outputs = new ArrayList<>();
            for (String name : network.activationNames()) {
                outputs.add(new ActivationSite(name, name, name.substring(name.lastIndexOf('.') + 1)));
            }
            for (int from = 0; from < test.size(); from += TrainingOptions.EVALUATION_BATCH) {
                int rows = Math.min(TrainingOptions.EVALUATION_BATCH, test.size() - from);
                for (int r = 0; r < rows; r++) {
                    test.copyRow(from + r, inputs, r * features);
                    labels[r] = test.label(from + r);
                }
                SoftmaxCrossEntropy.BatchLoss batch = loss.evaluate(network.forward(inputs, rows,
                        (a, values, length) -> outputs.get(a).accept(values, length)), labels, 0, rows);
                lossSum += batch.sum();
                correct += batch.correct();
            }
            List<LayerMicrostructure> layers = microstructure();
            Optional<Path> saved = Optional.empty();
            if (options.saveEpochs().contains(epoch)) {
                Path dir = options.saveDir().orElseThrow();
                Files.createDirectories(dir);
                Path file = dir.resolve(WeightsFile.fileName(epoch));
                Map<String, String> metadata = new LinkedHashMap<>();
                metadata.put("format", "pt");
                metadata.put("producer", "jaynes train");
                metadata.put("epoch", Integer.toString(epoch));
                metadata.put("layers", widthText(options.widths()));
                if (options.isConvolutional()) {
                    metadata.put("conv", ConvBlock.toString(options.convBlocks()));
                }
                metadata.put("activation", options.activation().label());
                metadata.put("init", options.initializer().label());
                metadata.put("warmup", Integer.toString(options.warmupEpochs()));
                metadata.put("seed", Long.toString(options.seed()));
                WeightsFile.write(file, network, metadata);
                saved = Optional.of(file);
            }
            return new EpochRecord(epoch, trainLoss, lossSum / test.size(), (double) correct / test.size(), seconds,
                    cpuSeconds,
                    layers, saved, outputs.stream().map(OutputMicrostructure::of).toList());
        }
    }
}
