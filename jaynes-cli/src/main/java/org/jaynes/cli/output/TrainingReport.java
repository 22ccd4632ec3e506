package org.jaynes.cli.output;

import static org.jaynes.report.json.JsonOutput.number;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import org.jaynes.cli.output.Json;
import org.jaynes.cli.output.Numbers;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.layer.ConvBlock;
import org.jaynes.nn.optim.OptimizerKind;
import org.jaynes.nn.track.LayerMicrostructure;
import org.jaynes.nn.track.OutputMicrostructure;
import org.jaynes.nn.train.EpochRecord;
import org.jaynes.nn.train.StepRecord;
import org.jaynes.nn.train.TrainingOptions;
import org.jaynes.nn.train.TrainingResult;
import org.jaynes.nn.warmup.WarmupRecord;

/** What {@code jaynes train} reports of a run: the text tables and the JSON. */
public final class TrainingReport {

    private TrainingReport() {
    }

    /** The text report. */
    public static void print(TrainingResult result, PrintWriter out) {
        TrainingOptions o = result.options();
        out.printf(Locale.ROOT, "data        %s: %d training, %d test examples%n", result.data(), result.trainSize(),
                result.testSize());
        out.printf(Locale.ROOT, "network     %s%s, %s; init %s; %s lr %s, batch %d, seed %d%n",
                o.isConvolutional() ? "conv " + ConvBlock.toString(o.convBlocks()) + " then " : "", join(o.widths()),
                o.activation().label(), initText(o.initializer()), o.optimizer().kind().label(),
                Numbers.n(o.optimizer().learningRate()), o.batchSize(), o.seed());
        if (o.initializer() instanceof Initializer.Fitted f) {
            FittedInitReport.print(f, o.widths(), layerNames(result), out);
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
        return init instanceof Initializer.Lognormal l ? "lognormal sigma " + Numbers.n(l.sigma()) : init.label();
    }

    /** The JSON report. */
    public static void writeJson(TrainingResult result, Writer writer) throws IOException {
        TrainingOptions o = result.options();
        Json.report(writer, out -> {
            Json.data(out, result.data(), result.trainSize(), result.testSize());
            out.writeObjectFieldStart("options");
            Json.network(out, o);
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
                FittedInitReport.writeJson(f, o.widths(), layerNames(result), out);
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
            Json.objects(out, "epochs", result.epochs(), (e, json) -> {
                json.writeNumberField("epoch", e.epoch());
                number(json, "trainLoss", e.trainLoss());
                number(json, "testLoss", e.testLoss());
                number(json, "testAccuracy", e.testAccuracy());
                number(json, "seconds", e.seconds());
                number(json, "cpuSeconds", e.cpuSeconds());
                if (e.saved().isPresent()) {
                    json.writeStringField("saved", e.saved().get().toString());
                } else {
                    json.writeNullField("saved");
                }
                writeLayers(e.layers(), json);
                Json.objects(json, "outputs", e.outputs(), (neurons, on) -> {
                    writeMicrostructure(neurons.outputs(), on);
                    on.writeNumberField("negatives", neurons.negatives());
                });
            });
            Json.objects(out, "warmup", result.warmup(), (w, json) -> {
                json.writeNumberField("epoch", w.epoch());
                Json.objects(json, "layers", w.layers(), (law, ol) -> {
                    ol.writeStringField("name", law.name());
                    number(ol, "mu", law.mu());
                    number(ol, "sigma", law.sigma());
                });
            });
            Json.objects(out, "steps", result.steps(), (s, json) -> {
                json.writeNumberField("step", s.step());
                json.writeNumberField("epoch", s.epoch());
                json.writeNumberField("stepInEpoch", s.stepInEpoch());
                number(json, "trainLoss", s.trainLoss());
                json.writeNumberField("steps", s.steps());
                writeLayers(s.layers(), json);
            });
        });
    }

    private static void writeLayers(List<LayerMicrostructure> layers, JsonGenerator out) throws IOException {
        Json.objects(out, "layers", layers, TrainingReport::writeMicrostructure);
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
}
