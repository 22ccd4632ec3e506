package org.jaynes.cli;

import static org.jaynes.cli.output.Json.number;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.cli.output.Numbers;
import org.jaynes.cli.output.Json;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.PopulationAnalysis;
import org.jaynes.core.analysis.PopulationSummary;
import org.jaynes.core.analysis.TensorInfo;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.dynamics.boltzmann.Annealing;
import org.jaynes.dynamics.boltzmann.AnnealingSchedule;
import org.jaynes.dynamics.boltzmann.BarsAndStripes;
import org.jaynes.dynamics.boltzmann.BinaryData;
import org.jaynes.dynamics.boltzmann.BinaryImages;
import org.jaynes.dynamics.boltzmann.RbmOptions;
import org.jaynes.dynamics.boltzmann.RbmResult;
import org.jaynes.dynamics.boltzmann.RbmTraining;
import org.jaynes.dynamics.boltzmann.RestrictedBoltzmannMachine;
import org.jaynes.dynamics.neurons.NeuronGame;
import org.jaynes.dynamics.neurons.NeuronNetwork;
import org.jaynes.dynamics.neurons.UpdateOrder;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.safetensors.SafetensorsWriter;
import org.jaynes.formats.safetensors.WritableTensor;
import org.jaynes.report.html.NeuronGameInput;
import org.jaynes.report.html.NeuronGamePage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jaynes boltzmann}: Gibbs sampling and annealing of the neuron game, and a restricted Boltzmann machine. */
@Command(name = "boltzmann",
        header = "Anneal a spin glass, or train a restricted Boltzmann machine (--rbm)",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The neuron game at temperature T > 0 (docs/theory.md section 7): logit response is the Gibbs "
                + "sampler of the Boltzmann machine P(s) ~ exp(-E(s)/T). Without --rbm: Gibbs sampling and simulated "
                + "annealing of a Sherrington-Kirkpatrick spin glass (w ~ N(0, 1/N)) against zero-temperature quenches.",
                "", "With --rbm: a restricted Boltzmann machine trained by CD-k or persistent CD on binarised "
                + "Fashion-MNIST (" + BoltzmannCommand.FASHION + ") or, where absent, on 4x4 bars and stripes; "
                + "reconstruction error and pseudo-likelihood per epoch; --save writes its weights as safetensors "
                + "for 'jaynes analyze'."},
        footer = {"", "Examples:",
                "  jaynes boltzmann --rbm --hidden 64 --epochs 5 --json -",
                "  jaynes boltzmann --rbm --hidden 64 --epochs 3 --html rbm.html",
                "  jaynes boltzmann --rbm --persistent --k 5 --save rbm.safetensors && jaynes analyze rbm.safetensors",
                "  jaynes boltzmann --rbm --data bars-and-stripes --hidden 16 --epochs 30",
                "  jaynes boltzmann --neurons 200 --temperature 0.5 --anneal 3:0.05:500"})
final class BoltzmannCommand implements Callable<Integer> {

    static final String FASHION = "/usr/share/datasets/fashion-mnist";
    private static final int BARS_SIDE = 4;
    private static final int BARS_SAMPLES = 2000;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rbm", description = "train a restricted Boltzmann machine")
    private boolean rbm;

    @Option(names = "--data", paramLabel = "SET", description = "auto, fashion-mnist or bars-and-stripes "
            + "(default: auto = Fashion-MNIST when installed)")
    private String data = "auto";

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

    @Option(names = "--neurons", paramLabel = "N", description = "spin-glass neurons without --rbm "
            + "(default: ${DEFAULT-VALUE})")
    private int neurons = 100;

    @Option(names = "--temperature", paramLabel = "T", description = "Gibbs sampling temperature without --rbm "
            + "(default: ${DEFAULT-VALUE})")
    private double temperature = 1;

    @Option(names = "--sweeps", paramLabel = "N", description = "Gibbs sweeps without --rbm (default: "
            + "${DEFAULT-VALUE})")
    private int sweeps = 1000;

    @Option(names = "--anneal", paramLabel = "T0:T1:SWEEPS", description = "geometric annealing schedule without "
            + "--rbm (default: 3:0.05:200)")
    private String anneal = "3:0.05:200";

    @Option(names = "--seed", paramLabel = "N", description = "seed; the same seed gives the same output bit for "
            + "bit (default: ${DEFAULT-VALUE})")
    private long seed = 1;

    @Mixin
    private ReportOptions reports;

    @Mixin
    private ProgressOption progressOption;

    @Override
    public Integer call() throws IOException, ModelFormatException, UsageException {
        ReportOptions.Targets targets = reports.targets();
        Optional<OutputTarget> target = targets.json();
        Optional<OutputTarget> page = targets.html();
        boolean reportOnStdout = targets.onStdout();
        PrintWriter out = spec.commandLine().getOut();
        if (!rbm) {
            if (save != null) {
                throw new UsageException("--save needs --rbm");
            }
            SpinGlass result = spinGlass();
            if (target.isPresent()) {
                target.get().write(out, writer -> writeSpinGlass(result, writer));
            }
            if (page.isPresent()) {
                page.get().write(out, writer -> NeuronGamePage.write(spinGlassPage(result), Main.version(), writer));
            }
            if (!reportOnStdout) {
                printSpinGlass(result, out);
            }
            return Main.OK;
        }
        Optional<OutputTarget> saved = OutputTarget.of("--save", save);
        RbmOptions options = HopfieldCommand.parse(() -> new RbmOptions(hidden, epochs, batch, learningRate, k,
                persistent, evaluation, seed), "options");
        BinaryData set = data();
        StatusLine status = progressOption.shown() ? new StatusLine(System.err) : null;
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
        if (target.isPresent()) {
            target.get().write(out, writer -> writeRbm(result, writer));
        }
        if (page.isPresent()) {
            page.get().write(out, writer -> NeuronGamePage.write(rbmPage(result, set), Main.version(), writer));
        }
        if (!reportOnStdout) {
            printRbm(result, out);
        }
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
        switch (data.toLowerCase(Locale.ROOT)) {
            case "auto":
                return Files.isReadable(images) ? BinaryImages.read(images, limit()) : bars();
            case "fashion-mnist":
                if (!Files.isReadable(images)) {
                    throw new UsageException("--data fashion-mnist: " + images + " is absent (apt-get install "
                            + "dataset-fashion-mnist)");
                }
                return BinaryImages.read(images, limit());
            case "bars-and-stripes":
                return bars();
            default:
                throw new UsageException("--data must be auto, fashion-mnist or bars-and-stripes, not '" + data + "'");
        }
    }

    private int limit() {
        return samples == 0 ? Integer.MAX_VALUE : samples;
    }

    private BinaryData bars() {
        return BarsAndStripes.generate(BARS_SIDE, BARS_SAMPLES, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
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

    private static void printRbm(RbmResult r, PrintWriter out) {
        RbmOptions o = r.options();
        out.printf(Locale.ROOT, "Restricted Boltzmann machine: %d visible x %d hidden, %s, batch %d, learning rate %s, "
                + "seed %d%n", r.machine().visible(), o.hidden(), o.method(), o.batchSize(),
                Numbers.n(o.learningRate()), o.seed());
        out.printf(Locale.ROOT, "data: %s, %d samples; measured on the first %d%n%n", r.data(), r.samples(),
                Math.min(o.evaluation(), r.samples()));
        out.printf(Locale.ROOT, "%5s  %14s  %16s%n", "epoch", "recon. error", "pseudo-lik./unit");
        for (RbmResult.Epoch e : r.epochs()) {
            out.printf(Locale.ROOT, "%5d  %14.6f  %16.6f%n", e.epoch(), e.reconstructionError(), e.pseudoLikelihood());
        }
    }

    private static NeuronGameInput rbmPage(RbmResult r, BinaryData set) {
        RbmOptions o = r.options();
        RestrictedBoltzmannMachine m = r.machine();
        double[] weights = m.weights();
        List<RbmResult.Epoch> epochs = r.epochs();
        double[] error = epochs.stream().mapToDouble(RbmResult.Epoch::reconstructionError).toArray();
        double[] pseudo = epochs.stream().mapToDouble(RbmResult.Epoch::pseudoLikelihood).toArray();
        Optional<NeuronGameInput.Filters> filters = Optional.empty();
        if (set.columns() == m.visible() && set.width() <= NeuronGameInput.MAX_FILTER_SIDE
                && set.height() <= NeuronGameInput.MAX_FILTER_SIDE) {
            List<double[]> images = new ArrayList<>();
            for (int j = 0; j < Math.min(m.hidden(), NeuronGameInput.MAX_FILTERS); j++) {
                double[] image = new double[m.visible()];
                for (int i = 0; i < image.length; i++) {
                    image[i] = weights[i * m.hidden() + j];
                }
                images.add(image);
            }
            filters = Optional.of(new NeuronGameInput.Filters(set.width(), set.height(), images));
        }
        NeuronGameInput.Weights microstructure = microstructure(weights);
        List<String> findings = List.of(
                String.format(Locale.ROOT, "Reconstruction error %.5f before training, %.5f after epoch %d.",
                        error[0], error[error.length - 1], epochs.get(epochs.size() - 1).epoch()),
                String.format(Locale.ROOT, "Pseudo-log-likelihood per unit %.5f before training, %.5f after.",
                        pseudo[0], pseudo[pseudo.length - 1]),
                String.format(Locale.ROOT, "Weights W: μ of ln|w| %.4f, σ %.4f; %s.",
                        microstructure.stats().mu(), microstructure.stats().sigma(),
                        microstructure.fits().verdict()));
        return new NeuronGameInput("Restricted Boltzmann machine", String.format(Locale.ROOT,
                "%d visible × %d hidden, %s on %s", m.visible(), m.hidden(), o.method(), r.data()), List.of(
                Map.entry("data", r.data()),
                Map.entry("samples", Integer.toString(r.samples())),
                Map.entry("hidden", Integer.toString(o.hidden())),
                Map.entry("method", o.method()),
                Map.entry("epochs", Integer.toString(o.epochs())),
                Map.entry("batch", Integer.toString(o.batchSize())),
                Map.entry("learning rate", Numbers.n(o.learningRate())),
                Map.entry("evaluation", Integer.toString(Math.min(o.evaluation(), r.samples()))),
                Map.entry("seed", Long.toString(o.seed()))),
                findings, List.of(), Optional.empty(), Optional.of(new NeuronGameInput.Rbm(error, pseudo, filters,
                microstructure)));
    }

    /** The statistics, fits and ln|w| histogram of all of W, as {@code jaynes analyze} has them for one layer. */
    static NeuronGameInput.Weights microstructure(double[] weights) {
        PopulationSummary summary = PopulationAnalysis.summarise(weights);
        LayerResult layer = PopulationAnalysis.analyse(new TensorInfo("rbm.weight", "rbm.weight", Role.DENSE,
                Shape.of(summary.stats().n()), DType.F64), summary, AnalysisOptions.DEFAULTS);
        return new NeuronGameInput.Weights("rbm.weight", layer.stats(), layer.fits(), layer.histogram());
    }

    private static NeuronGameInput spinGlassPage(SpinGlass r) {
        AnnealingSchedule s = r.schedule();
        List<String> findings = List.of(
                String.format(Locale.ROOT, "Gibbs sampling at T = %s: mean energy per neuron %.6f, mean "
                        + "|magnetisation| %.6f.", Numbers.n(r.temperature()), r.meanEnergy() / r.neurons(),
                        r.meanMagnetisation()),
                String.format(Locale.ROOT, "Zero-temperature quench from the start: energy per neuron %.6f.",
                        r.quenchEnergy() / r.neurons()),
                String.format(Locale.ROOT, "Annealing T = %s → %s over %d sweeps, then best response: energy per "
                        + "neuron %.6f (%s).", Numbers.n(s.initialTemperature()),
                        Numbers.n(s.finalTemperature()), s.sweeps(), r.annealed().energy() / r.neurons(),
                        r.annealed().quench().end().label()));
        String label = "annealing T " + Numbers.n(s.initialTemperature()) + " → "
                + Numbers.n(s.finalTemperature());
        return new NeuronGameInput("Boltzmann machine · spin glass", String.format(Locale.ROOT,
                "Sherrington–Kirkpatrick spin glass, N = %d", r.neurons()), List.of(
                Map.entry("neurons", Integer.toString(r.neurons())),
                Map.entry("temperature", Numbers.n(r.temperature())),
                Map.entry("sweeps", Integer.toString(r.sweeps())),
                Map.entry("anneal", Arrays.stream(new String[] {Numbers.n(s.initialTemperature()),
                        Numbers.n(s.finalTemperature()), Integer.toString(s.sweeps())})
                        .collect(Collectors.joining(":"))),
                Map.entry("seed", Long.toString(r.seed()))),
                findings, List.of(new NeuronGameInput.Trace(label, r.annealed().energyTrace())), Optional.empty(),
                Optional.empty());
    }

    private static void writeRbm(RbmResult r, Writer writer) throws IOException {
        RbmOptions o = r.options();
        Json.report(writer, out -> {
            out.writeObjectFieldStart("options");
            out.writeNumberField("visible", r.machine().visible());
            out.writeNumberField("hidden", o.hidden());
            out.writeStringField("method", o.method());
            out.writeNumberField("epochs", o.epochs());
            out.writeNumberField("batchSize", o.batchSize());
            number(out, "learningRate", o.learningRate());
            out.writeNumberField("gibbsSteps", o.gibbsSteps());
            out.writeBooleanField("persistent", o.persistent());
            out.writeNumberField("evaluationSamples", Math.min(o.evaluation(), r.samples()));
            out.writeNumberField("seed", o.seed());
            out.writeEndObject();
            out.writeObjectFieldStart("data");
            out.writeStringField("name", r.data());
            out.writeNumberField("samples", r.samples());
            out.writeEndObject();
            out.writeObjectFieldStart("conventions");
            out.writeStringField("energy", "E(v, h) = -v'Wh - a'v - b'h, units in {0, 1}");
            out.writeStringField("reconstructionError", "mean over samples and pixels of (v - P(v=1 | h = P(h | v)))^2");
            out.writeStringField("pseudoLikelihood", "mean over samples of (1/V) sum_i ln P(v_i | v_-i), exact, nats");
            out.writeEndObject();
            out.writeArrayFieldStart("epochs");
            for (RbmResult.Epoch e : r.epochs()) {
                out.writeStartObject();
                out.writeNumberField("epoch", e.epoch());
                number(out, "reconstructionError", e.reconstructionError());
                number(out, "pseudoLikelihood", e.pseudoLikelihood());
                out.writeEndObject();
            }
            out.writeEndArray();
        });
    }

    /** Gibbs sampling at T and annealing of one SK spin glass. */
    private record SpinGlass(int neurons, double temperature, int sweeps, AnnealingSchedule schedule, long seed,
                             double meanEnergy, double meanMagnetisation, double quenchEnergy,
                             Annealing.Result annealed) {
    }

    private SpinGlass spinGlass() throws UsageException {
        if (neurons < 2 || sweeps < 1 || !(temperature > 0 && temperature < Double.POSITIVE_INFINITY)) {
            throw new UsageException("--neurons must be at least 2, --sweeps at least 1 and --temperature positive");
        }
        AnnealingSchedule schedule = schedule();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int n = neurons;
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double g = StrictMath.sqrt(-2 * StrictMath.log(1 - rng.nextDouble()))
                        * StrictMath.cos(2 * Math.PI * rng.nextDouble());
                w[i * n + j] = g / StrictMath.sqrt(n);
                w[j * n + i] = w[i * n + j];
            }
        }
        NeuronGame game = NeuronGame.of(w);
        byte[] start = new byte[n];
        for (int i = 0; i < n; i++) {
            start[i] = rng.nextBoolean() ? (byte) 1 : (byte) -1;
        }
        NeuronNetwork network = new NeuronNetwork(game, start, rng);
        double quench = network.relax(UpdateOrder.ASYNCHRONOUS, Integer.MAX_VALUE - 1).energy();
        network.set(start);
        double energy = 0;
        double magnetisation = 0;
        int burnIn = sweeps / 10;
        for (int s = 0; s < burnIn + sweeps; s++) {
            network.gibbsSweep(temperature);
            if (s >= burnIn) {
                energy += network.energy();
                long m = 0;
                for (int i = 0; i < n; i++) {
                    m += network.spin(i);
                }
                magnetisation += Math.abs(m) / (double) n;
            }
        }
        Annealing.Result annealed = Annealing.run(game, start, schedule, rng);
        return new SpinGlass(n, temperature, sweeps, schedule, seed, energy / sweeps, magnetisation / sweeps, quench,
                annealed);
    }

    private AnnealingSchedule schedule() throws UsageException {
        String[] parts = anneal.split(":", -1);
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            return new AnnealingSchedule(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                    Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new UsageException("--anneal must be T0:T1:SWEEPS, e.g. 3:0.05:200, not '" + anneal + "'");
        } catch (IllegalArgumentException e) {
            throw new UsageException("--anneal: " + e.getMessage());
        }
    }

    private static void printSpinGlass(SpinGlass r, PrintWriter out) {
        out.printf(Locale.ROOT, "Sherrington-Kirkpatrick spin glass: N = %d, w ~ N(0, 1/N), seed %d%n", r.neurons(),
                r.seed());
        out.printf(Locale.ROOT, "Gibbs sampling (logit response) at T = %s, %d sweeps after %d of burn-in:%n",
                Numbers.n(r.temperature()), r.sweeps(), r.sweeps() / 10);
        out.printf(Locale.ROOT, "  mean energy per neuron %.6f, mean |magnetisation| %.6f%n",
                r.meanEnergy() / r.neurons(), r.meanMagnetisation());
        out.printf(Locale.ROOT, "zero-temperature quench (best response) from the start: energy per neuron %.6f%n",
                r.quenchEnergy() / r.neurons());
        out.printf(Locale.ROOT, "annealing T = %s -> %s over %d sweeps, then best response: energy per neuron %.6f "
                + "(%s)%n", Numbers.n(r.schedule().initialTemperature()),
                Numbers.n(r.schedule().finalTemperature()), r.schedule().sweeps(),
                r.annealed().energy() / r.neurons(), r.annealed().quench().end().label());
    }

    private static void writeSpinGlass(SpinGlass r, Writer writer) throws IOException {
        Json.report(writer, out -> {
            out.writeObjectFieldStart("options");
            out.writeNumberField("neurons", r.neurons());
            number(out, "temperature", r.temperature());
            out.writeNumberField("sweeps", r.sweeps());
            out.writeNumberField("seed", r.seed());
            out.writeStringField("couplings", "Sherrington-Kirkpatrick, w ~ N(0, 1/N), no thresholds");
            out.writeEndObject();
            out.writeObjectFieldStart("gibbs");
            number(out, "meanEnergy", r.meanEnergy());
            number(out, "meanAbsMagnetisation", r.meanMagnetisation());
            out.writeEndObject();
            number(out, "quenchEnergy", r.quenchEnergy());
            out.writeObjectFieldStart("annealing");
            number(out, "initialTemperature", r.schedule().initialTemperature());
            number(out, "finalTemperature", r.schedule().finalTemperature());
            out.writeNumberField("sweeps", r.schedule().sweeps());
            number(out, "finalEnergy", r.annealed().energy());
            out.writeStringField("end", r.annealed().quench().end().label());
            out.writeArrayFieldStart("trace");
            double[] t = r.annealed().temperatures();
            double[] e = r.annealed().energyTrace();
            for (int i = 0; i < t.length; i++) {
                out.writeStartObject();
                number(out, "temperature", t[i]);
                number(out, "energy", e[i]);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }
}
