package org.jaynes.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jaynes.cli.output.Numbers;
import org.jaynes.core.fit.Family;
import org.jaynes.nn.experiment.InitExperimentOptions;
import org.jaynes.nn.experiment.InitExperimentResult;
import org.jaynes.nn.experiment.InitializerSummary;
import org.jaynes.nn.experiment.PairVerdict;
import org.jaynes.nn.experiment.SeedSpread;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.optim.OptimizerKind;
import org.jaynes.nn.track.LayerMicrostructure;
import org.jaynes.nn.track.OutputMicrostructure;
import org.jaynes.nn.train.EpochRecord;
import org.jaynes.nn.train.TrainingListener;
import org.jaynes.nn.train.TrainingOptions;
import org.jaynes.nn.train.TrainingResult;
import org.jaynes.report.html.InitExperimentInput;
import org.jaynes.report.html.TrainingInput;

/**
 * The HTML pages' inputs from the results of {@code train} and {@code experiment init}: jaynes-nn's records
 * mapped onto jaynes-report's plain ones, the options spelled as the command line spells them.
 */
final class TrainingPageInputs {

    private TrainingPageInputs() {
    }

    /** The page of one training run. */
    static TrainingInput of(TrainingResult result) {
        TrainingOptions o = result.options();
        List<Map.Entry<String, String>> options = new ArrayList<>(network(result.data(), o));
        options.add(Map.entry("--init", initText(o.initializer())));
        options.addAll(optimizer(o));
        options.add(Map.entry("--seed", Long.toString(o.seed())));
        options.add(threads(o));
        options.add(Map.entry("--save", o.saveDir().map(Object::toString).orElse("none")));
        List<TrainingInput.Epoch> epochs = new ArrayList<>();
        for (EpochRecord e : result.epochs()) {
            List<TrainingInput.Layer> layers = new ArrayList<>();
            for (LayerMicrostructure m : e.layers()) {
                layers.add(layer(m.name(), m));
            }
            for (OutputMicrostructure neurons : e.outputs()) {
                layers.add(layer(neurons.outputs().name() + " outputs", neurons.outputs()));
            }
            epochs.add(new TrainingInput.Epoch(e.epoch(), e.trainLoss(), e.testLoss(), e.testAccuracy(), e.seconds(),
                    layers, e.saved().map(Object::toString)));
        }
        return new TrainingInput(result.data() + " · " + widths(o) + " · " + o.activation().label() + " · "
                + initText(o.initializer()), result.data(), result.trainSize(), result.testSize(), options,
                conventions(), epochs);
    }

    /** The page of an initialisation experiment; {@code seeds} heard its runs (see {@link SeedCurves}). */
    static InitExperimentInput of(InitExperimentResult result, SeedCurves seeds) {
        InitExperimentOptions experiment = result.options();
        TrainingOptions o = experiment.training();
        List<Map.Entry<String, String>> options = new ArrayList<>(network(result.data(), o));
        options.add(Map.entry("--inits", String.join(",", experiment.initializers().stream()
                .map(TrainingPageInputs::initText).toList())));
        options.addAll(optimizer(o));
        options.add(Map.entry("--seeds", experiment.seeds() + " (seeds " + experiment.seed(0) + " to "
                + experiment.seed(experiment.seeds() - 1) + ")"));
        options.add(threads(o));
        Map<String, String> names = new HashMap<>();
        List<InitExperimentInput.InitializerRuns> runs = new ArrayList<>();
        List<InitializerSummary> summaries = result.initializers();
        for (int i = 0; i < summaries.size(); i++) {
            InitializerSummary s = summaries.get(i);
            names.put(s.initializer().label(), initText(s.initializer()));
            List<InitExperimentInput.EpochSpread> epochs = s.epochs().stream()
                    .map(e -> new InitExperimentInput.EpochSpread(e.epoch(), spread(e.testAccuracy()),
                            spread(e.testLoss()))).toList();
            List<InitExperimentInput.LayerSpread> layers = s.finalLayers().stream()
                    .map(l -> new InitExperimentInput.LayerSpread(l.name(), spread(l.sigma()),
                            lawName(l.bestFamily()), l.votes())).toList();
            runs.add(new InitExperimentInput.InitializerRuns(initText(s.initializer()), epochs,
                    seeds.of(i, s, experiment.seeds(), SeedCurves.ACCURACY),
                    seeds.of(i, s, experiment.seeds(), SeedCurves.LOSS), layers));
        }
        UnaryOperator<String> display = arm -> names.getOrDefault(arm, arm);
        List<InitExperimentInput.Verdict> verdicts = result.verdicts().stream()
                .map(v -> new InitExperimentInput.Verdict(display.apply(v.first()), display.apply(v.second()),
                        v.difference(), v.threshold(), v.outcomeText(display))).toList();
        return new InitExperimentInput(result.data() + " · " + widths(o) + " · " + o.activation().label(),
                result.data(), result.trainSize(), result.testSize(), options, List.of(
                Map.entry("seeds", "run k of every initialiser uses seed + k, so the initialisers see the same "
                        + "orders of examples"),
                Map.entry("mean ± sd", "over seeds; sd is the sample standard deviation (n − 1), undefined for one "
                        + "seed"),
                Map.entry("verdict", "on the final epoch's test accuracy: " + PairVerdict.RULE
                        + "; a screen against seed noise, not a test with a stated level"),
                Map.entry("σ", "standard deviation of ln|w| of a layer's weights after the last epoch"),
                Map.entry("epoch 0", "the network at initialisation, before any step")),
                PairVerdict.RULE, runs, verdicts);
    }

    /** The law's name for people ("half-normal") from its key ("halfnormal"); other text as it is. */
    private static String lawName(String key) {
        return Arrays.stream(Family.values()).filter(f -> f.key().equals(key)).map(Family::displayName).findFirst()
                .orElse(key);
    }

    private static InitExperimentInput.Spread spread(SeedSpread.Summary s) {
        return new InitExperimentInput.Spread(s.n(), s.mean(), s.standardDeviation());
    }

    private static String widths(TrainingOptions o) {
        return String.join(",", Arrays.stream(o.widths()).mapToObj(Integer::toString).toList());
    }

    private static String initText(Initializer init) {
        return init instanceof Initializer.Lognormal l ? init.label() + " σ " + Numbers.n(l.sigma())
                : init.label();
    }

    private static List<Map.Entry<String, String>> network(String data, TrainingOptions o) {
        return List.of(Map.entry("--data", data), Map.entry("--layers", widths(o)),
                Map.entry("--activation", o.activation().label()));
    }

    private static List<Map.Entry<String, String>> optimizer(TrainingOptions o) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        out.add(Map.entry("--optimizer", o.optimizer().kind().label()));
        out.add(Map.entry("--lr", Numbers.n(o.optimizer().learningRate())));
        if (o.optimizer().kind() == OptimizerKind.SGD) {
            out.add(Map.entry("--momentum", Numbers.n(o.optimizer().momentum())));
        }
        out.add(Map.entry("--weight-decay", Numbers.n(o.optimizer().weightDecay())));
        out.add(Map.entry("--batch", Integer.toString(o.batchSize())));
        out.add(Map.entry("--epochs", Integer.toString(o.epochs())));
        return out;
    }

    private static Map.Entry<String, String> threads(TrainingOptions o) {
        return Map.entry("--threads", o.threads() + " (results do not depend on it)");
    }

    private static TrainingInput.Layer layer(String name, LayerMicrostructure m) {
        return new TrainingInput.Layer(name, m.n(), m.zeros(), m.mu(), m.sigma(), m.ks(), m.rms(),
                lawName(m.bestFamily()), m.verdict(), m.arbitrageGap(), m.utilitySpread());
    }

    private static List<Map.Entry<String, String>> conventions() {
        return List.of(
                Map.entry("populations", "the weight of every dense and convolutional layer; biases are not fitted. "
                        + "Rows named '… outputs' are the neuron outputs of an activation layer on the test set: "
                        + "|output| over examples and units, exact zeros counted and left out (docs/theory.md §3)"),
                Map.entry("μ, σ", "mean and standard deviation (divided by n) of ln|w| over the non-zero weights"),
                Map.entry("KS", "Kolmogorov–Smirnov distance of ln|w| from N(μ, σ)"),
                Map.entry("best law", "the magnitude law with the lowest AIC: lognormal, half-normal, exponential, "
                        + "Weibull or gamma, fitted by maximum likelihood"),
                Map.entry("arbitrage gap", "KL(x ‖ x*) in nats over " + LayerMicrostructure.BINS + " bins equal in "
                        + "ln|w| between min and max |w|, x* the equilibrium of the connection game whose "
                        + "equilibrium is the fitted lognormal; 0 exactly at equilibrium"),
                Map.entry("utility spread", "count-weighted standard deviation of the effective utilities h_k over "
                        + "occupied bins; 0 at arbitrage equilibrium"),
                Map.entry("train loss", "mean cross-entropy over the epoch's steps, while the weights change"),
                Map.entry("test loss, accuracy", "on the test set after the epoch"),
                Map.entry("epoch 0", "the network at initialisation, before any step"));
    }

    /**
     * Hears every run of an experiment and keeps each run's test accuracy and loss per epoch, so that the
     * page can draw single seeds. A run starts at its epoch 0. The runs are taken to come initialiser by
     * initialiser, seed by seed, as {@link org.jaynes.nn.experiment.InitExperiment} runs them; when the
     * count or the means do not bear that out, no seeds are drawn rather than wrong ones. Memory: two
     * numbers per run and epoch. Not thread-safe, like the training it listens to.
     */
    static final class SeedCurves implements TrainingListener {

        static final int ACCURACY = 0;
        static final int LOSS = 1;
        /** How far the seeds' mean may be from the experiment's (summation order differs). */
        private static final double TOLERANCE = 1e-9;

        private final List<List<double[]>> runs = new ArrayList<>();

        @Override
        public void epoch(EpochRecord record) {
            if (record.epoch() == 0 || runs.isEmpty()) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(new double[] {record.testAccuracy(), record.testLoss()});
        }

        /** Each seed's values of {@code metric} per epoch for initialiser {@code index}; empty when unsure. */
        List<double[]> of(int index, InitializerSummary summary, int seeds, int metric) {
            int epochs = summary.epochs().size();
            if (runs.size() % seeds != 0 || (index + 1) * seeds > runs.size()) {
                return List.of();
            }
            List<double[]> out = new ArrayList<>();
            double sum = 0;
            for (List<double[]> run : runs.subList(index * seeds, (index + 1) * seeds)) {
                if (run.size() != epochs) {
                    return List.of();
                }
                double[] values = run.stream().mapToDouble(v -> v[metric]).toArray();
                sum += values[epochs - 1];
                out.add(values);
            }
            SeedSpread.Summary last = metric == ACCURACY ? summary.last().testAccuracy() : summary.last().testLoss();
            boolean matches = Math.abs(sum / seeds - last.mean()) <= TOLERANCE * Math.max(1, Math.abs(last.mean()));
            return matches ? out : List.of();
        }
    }
}
