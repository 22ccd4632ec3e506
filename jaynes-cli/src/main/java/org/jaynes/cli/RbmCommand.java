package org.jaynes.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.cli.output.RbmReport;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Shape;
import org.jaynes.dynamics.boltzmann.BarsAndStripes;
import org.jaynes.dynamics.boltzmann.BinaryData;
import org.jaynes.dynamics.boltzmann.BinaryImages;
import org.jaynes.dynamics.boltzmann.RbmOptions;
import org.jaynes.dynamics.boltzmann.RbmResult;
import org.jaynes.dynamics.boltzmann.RbmTraining;
import org.jaynes.dynamics.boltzmann.RestrictedBoltzmannMachine;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.safetensors.SafetensorsWriter;
import org.jaynes.formats.safetensors.WritableTensor;
import org.jaynes.report.html.NeuronGamePage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jaynes boltzmann rbm}: a restricted Boltzmann machine, trained and measured. */
@Command(name = "rbm",
        header = "Train a restricted Boltzmann machine and measure its weights",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A restricted Boltzmann machine trained by CD-k or persistent CD on binarised "
                + "Fashion-MNIST (" + RbmCommand.FASHION + ") or, where absent, on 4x4 bars and stripes; "
                + "reconstruction error and pseudo-likelihood per epoch, and the microstructure of W as 'jaynes "
                + "analyze' measures a layer; --save writes its weights as safetensors for 'jaynes analyze'. "
                + "'jaynes boltzmann --rbm' is the same command."},
        footer = {"", "Examples:",
                "  jaynes boltzmann rbm --hidden 64 --epochs 5 --json -",
                "  jaynes boltzmann rbm --hidden 64 --epochs 3 --html rbm.html",
                "  jaynes boltzmann rbm --persistent --k 5 --save rbm.safetensors && jaynes analyze rbm.safetensors",
                "  jaynes boltzmann rbm --data bars-and-stripes --hidden 16 --epochs 30"})
final class RbmCommand implements Callable<Integer> {

    static final String FASHION = "/usr/share/datasets/fashion-mnist";
    private static final int BARS_SIDE = 4;
    private static final int BARS_SAMPLES = 2000;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    /** The training images {@code --data} names. */
    enum Images {
        AUTO, FASHION_MNIST, BARS_AND_STRIPES;

        static Images parse(String text) {
            for (Images images : values()) {
                if (images.name().replace('_', '-').equalsIgnoreCase(text)) {
                    return images;
                }
            }
            throw new IllegalArgumentException("must be auto, fashion-mnist or bars-and-stripes, not '" + text + "'");
        }
    }

    @Option(names = "--data", paramLabel = "SET", description = "auto, fashion-mnist or bars-and-stripes "
            + "(default: auto = Fashion-MNIST when installed)", converter = OptionConverters.RbmImages.class)
    private Images data = Images.AUTO;

    @Option(names = "--samples", paramLabel = "N", description = "training images of Fashion-MNIST (default: "
            + "${DEFAULT-VALUE}; 0 = all 60000)")
    private int samples = 10_000;

    @Option(names = "--hidden", paramLabel = "H", description = "hidden units (default: ${DEFAULT-VALUE})")
    private int hidden = RbmOptions.DEFAULTS.hidden();

    @Option(names = "--epochs", paramLabel = "N", description = "epochs (default: ${DEFAULT-VALUE})")
    private int epochs = RbmOptions.DEFAULTS.epochs();

    @Option(names = "--batch", paramLabel = "B", description = "mini-batch size (default: ${DEFAULT-VALUE})")
    private int batch = RbmOptions.DEFAULTS.batchSize();

    @Option(names = "--learning-rate", paramLabel = "E", description = "learning rate (default: ${DEFAULT-VALUE})")
    private double learningRate = RbmOptions.DEFAULTS.learningRate();

    @Option(names = "--k", paramLabel = "K", description = "Gibbs steps of CD-k (default: ${DEFAULT-VALUE})")
    private int k = RbmOptions.DEFAULTS.gibbsSteps();

    @Option(names = "--persistent", description = "persistent contrastive divergence (PCD-k)")
    private boolean persistent;

    @Option(names = "--evaluation", paramLabel = "N", description = "samples on which each epoch is measured "
            + "(default: ${DEFAULT-VALUE})")
    private int evaluation = RbmOptions.DEFAULTS.evaluation();

    @Option(names = "--save", paramLabel = "FILE", description = "write the RBM's weights and biases as safetensors")
    private String save;

    @Mixin
    private SeedOption seed;

    @Mixin
    private ReportOptions reports;

    @Override
    public Integer call() throws IOException, ModelFormatException, UsageException {
        ReportOptions.Targets targets = reports.targets();
        PrintWriter out = spec.commandLine().getOut();
        Optional<OutputTarget> saved = OutputTarget.of("--save", save);
        RbmOptions options = UsageException.fromOptions("options", () -> new RbmOptions(hidden, epochs, batch,
                learningRate, k, persistent, evaluation, seed.value()));
        BinaryData set = data();
        StatusLine status = reports.progressShown() ? new StatusLine(System.err) : null;
        RbmResult result = RbmTraining.train(set, options, status != null ? (e, total) -> status.show(
                "epoch %d of %d: reconstruction error %.5f", e.epoch(), total, e.reconstructionError())
                : RbmTraining.Progress.NONE);
        if (status != null) {
            status.clear();
        }
        if (saved.isPresent()) {
            if (saved.get().isStdout()) {
                throw new UsageException("--save needs a file, not '-'");
            }
            saveWeights(result, saved.get().file().orElseThrow());
        }
        targets.write(out, writer -> RbmReport.writeJson(result, writer),
                writer -> NeuronGamePage.write(RbmReport.page(result, set), Main.version(), writer),
                printer -> RbmReport.print(result, printer));
        return Main.OK;
    }

    private BinaryData data() throws IOException, ModelFormatException, UsageException {
        Path images = Path.of(FASHION, "train-images-idx3-ubyte.gz");
        if (!Files.isReadable(images)) {
            images = Path.of(FASHION, "train-images-idx3-ubyte");
        }
        if (samples < 0) {
            throw new UsageException("--samples must be 0 (all) or more, not " + samples);
        }
        return switch (data) {
            case AUTO -> Files.isReadable(images) ? BinaryImages.read(images, limit()) : bars();
            case FASHION_MNIST -> {
                if (!Files.isReadable(images)) {
                    throw new UsageException("--data fashion-mnist: " + images + " is absent (apt-get install "
                            + "dataset-fashion-mnist)");
                }
                yield BinaryImages.read(images, limit());
            }
            case BARS_AND_STRIPES -> bars();
        };
    }

    private int limit() {
        return samples == 0 ? Integer.MAX_VALUE : samples;
    }

    private BinaryData bars() {
        return BarsAndStripes.generate(BARS_SIDE, BARS_SAMPLES,
                RandomSource.XO_RO_SHI_RO_128_PP.create(seed.value()));
    }

    /** W as [visible, hidden] and both biases, float32, with the training in the metadata. */
    private static void saveWeights(RbmResult result, Path file) throws IOException {
        RestrictedBoltzmannMachine m = result.machine();
        List<WritableTensor> tensors = new ArrayList<>();
        tensors.add(WritableTensor.of("rbm.weight", DType.F32, Shape.of(m.visible(), m.hidden()),
                HeapBytes.of(floats(m.weights()))));
        tensors.add(WritableTensor.of("rbm.visible_bias", DType.F32, Shape.of(m.visible()),
                HeapBytes.of(floats(m.visibleBias()))));
        tensors.add(WritableTensor.of("rbm.hidden_bias", DType.F32, Shape.of(m.hidden()),
                HeapBytes.of(floats(m.hiddenBias()))));
        RbmOptions o = result.options();
        SafetensorsWriter.write(file, Map.of("format", "pt", "jaynes", "restricted Boltzmann machine, " + o.method()
                + ", " + o.epochs() + " epochs on " + result.data() + ", seed " + o.seed()), tensors);
    }

    private static byte[] floats(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buffer.putFloat((float) v);
        }
        return buffer.array();
    }
}
