package org.jaynes.cli.output;

import static org.jaynes.report.json.JsonOutput.number;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jaynes.cli.output.Json;
import org.jaynes.cli.output.Numbers;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.PopulationAnalysis;
import org.jaynes.core.analysis.PopulationSummary;
import org.jaynes.core.analysis.TensorInfo;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.dynamics.boltzmann.BinaryData;
import org.jaynes.dynamics.boltzmann.RbmOptions;
import org.jaynes.dynamics.boltzmann.RbmResult;
import org.jaynes.dynamics.boltzmann.RestrictedBoltzmannMachine;
import org.jaynes.report.html.NeuronGameInput;

/** What {@code jaynes boltzmann rbm} reports of a trained machine: the text, the page's input and the JSON. */
public final class RbmReport {

    private RbmReport() {
    }

    public static void print(RbmResult r, PrintWriter out) {
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

    public static NeuronGameInput page(RbmResult r, BinaryData set) {
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
    public static NeuronGameInput.Weights microstructure(double[] weights) {
        PopulationSummary summary = PopulationAnalysis.summarise(weights);
        LayerResult layer = PopulationAnalysis.analyse(new TensorInfo("rbm.weight", "rbm.weight", Role.DENSE,
                Shape.of(summary.stats().n()), DType.F64), summary, AnalysisOptions.DEFAULTS);
        return new NeuronGameInput.Weights("rbm.weight", layer.stats(), layer.fits(), layer.histogram());
    }

    public static void writeJson(RbmResult r, Writer writer) throws IOException {
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
}
