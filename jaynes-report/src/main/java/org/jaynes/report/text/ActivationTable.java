package org.jaynes.report.text;

import java.io.PrintWriter;
import java.util.Locale;
import org.jaynes.core.analysis.ActivationInputs;
import org.jaynes.core.analysis.ActivationLayer;
import org.jaynes.core.analysis.ActivationResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.theory.NullModels;

/**
 * The neuron outputs of a model as a table for the terminal: what the model ran on, one row per activation
 * layer in graph order with the weights beside it (the two lognormals), and the pooled row. Locale-independent,
 * like {@link LayerTable}.
 */
public final class ActivationTable {

    private static final String ROW = "%3s  %-40s %-24s %11s %6s %6s %8s %7s %8s %9s  %-12s %7s  %-12s%n";

    private ActivationTable() {
    }

    public static void print(ActivationResult result, PrintWriter out) {
        ActivationInputs inputs = result.inputs();
        out.printf(Locale.ROOT, "model      %s (%s)%n", result.model().path(), result.model().format().label());
        out.printf(Locale.ROOT, "inputs     %,d inputs, %,d positions from %s, %d batches%n", inputs.inputs(),
                inputs.positions(), inputs.source(), inputs.batches());
        inputs.warning().ifPresent(w -> out.printf(Locale.ROOT, "caution    %s%n", w));
        out.printf(Locale.ROOT, "statistics population = |output| over all inputs and positions; zeros left out, "
                + "negatives kept as magnitudes; mu, sigma of ln|output| (ddof 0); weights = the layer that feeds it%n%n");
        out.printf(Locale.ROOT, ROW, "#", "activation layer", "function", "n", "zero%", "neg%", "mu", "sigma", "KS",
                "gap", "best law", "sigma w", "best law w");
        int index = 0;
        for (ActivationLayer layer : result.layers()) {
            LayerResult outputs = layer.result();
            PopulationStats s = outputs.stats();
            String weightSigma = layer.weights().map(w -> LayerTable.fixed(w.stats().sigma())).orElse("-");
            String weightBest = layer.weights().map(LayerTable::best).orElse("-");
            out.printf(Locale.ROOT, ROW, ++index, LayerTable.shorten(outputs.tensor().name()), layer.function(), s.n(),
                    percent(s.zeros(), s.n()), percent(layer.negatives(), s.n()), LayerTable.fixed(s.mu()),
                    LayerTable.fixed(s.sigma()), LayerTable.ks(s.ks()), LayerTable.ks(outputs.game().arbitrageGap()),
                    LayerTable.best(outputs), weightSigma, weightBest);
        }
        result.setAside().forEach(site -> out.printf(Locale.ROOT, ROW, "-", LayerTable.shorten(site.name()),
                site.function(), "", "", "", "", "", "", "", "not captured: " + site.reason(), "", ""));
        PopulationStats pooled = result.pooled().stats();
        out.printf(Locale.ROOT, ROW, "", "pooled over " + result.layers().size() + " layers", "", pooled.n(),
                percent(pooled.zeros(), pooled.n()), "", LayerTable.fixed(pooled.mu()), LayerTable.fixed(pooled.sigma()),
                LayerTable.ks(pooled.ks()), LayerTable.ks(result.pooled().game().arbitrageGap()),
                LayerTable.best(result.pooled()), "", "");
        out.printf(Locale.ROOT, "%nlaws       %s%n", result.universality().summary());
        out.printf(Locale.ROOT, "sigma      %.4f ± %.4f over activation layers; Gaussian weights would give %.4f%n",
                result.universality().overall().sigmaMean(), result.universality().overall().sigmaStd(),
                NullModels.GAUSSIAN_SIGMA);
        out.flush();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * part / whole);
    }
}
