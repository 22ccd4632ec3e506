package org.jaynes.cli.output;

import static org.jaynes.report.json.JsonOutput.number;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jaynes.cli.output.FittedInitReport;
import org.jaynes.cli.output.Json;
import org.jaynes.cli.output.Numbers;
import org.jaynes.nn.experiment.Arm;
import org.jaynes.nn.experiment.InitExperimentOptions;
import org.jaynes.nn.experiment.InitExperimentResult;
import org.jaynes.nn.experiment.InitializerSummary;
import org.jaynes.nn.experiment.PairVerdict;
import org.jaynes.nn.experiment.SeedSpread;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.train.TrainingOptions;

/** What {@code jaynes experiment init} reports: the text tables and the JSON. */
public final class ExperimentReport {

    private ExperimentReport() {
    }

    private static String pm(SeedSpread.Summary s) {
        return String.format(Locale.ROOT, "%.4f +- %s", s.mean(), Double.isNaN(s.standardDeviation()) ? "-"
                : String.format(Locale.ROOT, "%.4f", s.standardDeviation()));
    }

    /** The text report. */
    public static void print(InitExperimentResult result, PrintWriter out) {
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

    /** The JSON report. */
    public static void writeJson(InitExperimentResult result, Writer writer) throws IOException {
        InitExperimentOptions options = result.options();
        TrainingOptions o = options.training();
        Json.report(writer, out -> {
            Json.data(out, result.data(), result.trainSize(), result.testSize());
            out.writeObjectFieldStart("options");
            Json.network(out, o);
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
            Json.objects(out, "initializers", result.initializers(), (s, json) -> {
                json.writeStringField("arm", s.arm().label());
                json.writeStringField("init", s.initializer().label());
                if (s.initializer() instanceof Initializer.Lognormal l) {
                    number(json, "sigma", l.sigma());
                }
                json.writeNumberField("warmupEpochs", s.arm().warmupEpochs());
                Json.objects(json, "epochs", s.epochs(), (e, oe) -> {
                    oe.writeNumberField("epoch", e.epoch());
                    writeSummary(oe, "testAccuracy", e.testAccuracy());
                    writeSummary(oe, "testLoss", e.testLoss());
                });
                Json.objects(json, "finalLayers", s.finalLayers(), (l, ol) -> {
                    ol.writeStringField("name", l.name());
                    writeSummary(ol, "sigma", l.sigma());
                    ol.writeStringField("bestFamily", l.bestFamily());
                    ol.writeNumberField("votes", l.votes());
                });
            });
            Json.objects(out, "verdicts", result.verdicts(), (v, json) -> {
                json.writeStringField("first", v.first());
                json.writeStringField("second", v.second());
                json.writeStringField("metric", v.metric());
                number(json, "difference", v.difference());
                number(json, "threshold", v.threshold());
                json.writeStringField("outcome", v.outcome().label());
                json.writeStringField("sentence", v.sentence());
            });
        });
    }
}
