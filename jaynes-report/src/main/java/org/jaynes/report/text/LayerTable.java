package org.jaynes.report.text;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.SetAside;
import org.jaynes.core.analysis.SetAsideReason;
import org.jaynes.core.analysis.UniversalitySummary;
import org.jaynes.core.fit.Family;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.theory.NullModels;

/**
 * The analysis as a table for the terminal: a header with the model and options, one row per
 * population in file order, the pooled row, and a count of the tensors set aside by reason. Numbers
 * are formatted with {@link Locale#ROOT}, so the table never changes with the user's locale.
 */
public final class LayerTable {

    private static final int MAX_NAME = 48;
    private static final String ROW = "%3s  %-" + MAX_NAME + "s %-17s %-13s %-5s %10s %7s %10s %9s %8s %7s %8s %9s  %-12s%n";

    private LayerTable() {
    }

    public static void print(AnalysisResult result, PrintWriter out) {
        out.printf(Locale.ROOT, "model      %s (%s, %,d parameters in %d tensors)%n", result.model().path(),
                result.model().format().label(), result.model().parameters(), result.model().tensors());
        out.printf(Locale.ROOT, "options    min-elements %d, include %s, exclude %s%n",
                result.options().minElements(),
                result.options().include().map(p -> "/" + p.pattern() + "/").orElse("all"),
                result.options().exclude().map(p -> "/" + p.pattern() + "/").orElse("none"));
        out.printf(Locale.ROOT, "statistics mu, sigma = mean, std of ln|w| over non-zero w (ddof 0); "
                + "KS = distance of ln|w| from N(mu, sigma)%n%n");
        out.printf(Locale.ROOT, ROW, "#", "layer", "role", "shape", "dtype", "n", "zeros", "mean", "std", "mu",
                "sigma", "KS", "gap", "best |w| law");
        int index = 0;
        for (LayerResult layer : result.layers()) {
            PopulationStats s = layer.stats();
            out.printf(Locale.ROOT, ROW, ++index, shorten(layer.tensor().name()), layer.tensor().role().label(),
                    compact(layer.tensor().shape().toString()), layer.tensor().dtype().label(), s.n(), s.zeros(),
                    number(s.mean()), number(s.std()), fixed(s.mu()), fixed(s.sigma()), ks(s.ks()),
                    ks(layer.game().arbitrageGap()), best(layer));
        }
        PopulationStats pooled = result.pooled().stats();
        out.printf(Locale.ROOT, ROW, "", "pooled over " + result.layers().size() + " populations", "", "", "",
                pooled.n(), pooled.zeros(), number(pooled.mean()), number(pooled.std()), fixed(pooled.mu()),
                fixed(pooled.sigma()), ks(pooled.ks()), ks(result.pooled().game().arbitrageGap()), best(result.pooled()));
        UniversalitySummary.Spread overall = result.universality().overall();
        out.printf(Locale.ROOT, "%nlaws       %s%n", result.universality().summary());
        out.printf(Locale.ROOT, "sigma      %.4f ± %.4f over layers; null models: Gaussian weights %.4f, Laplace %.4f%n",
                overall.sigmaMean(), overall.sigmaStd(), NullModels.GAUSSIAN_SIGMA, NullModels.LAPLACE_SIGMA);
        out.printf(Locale.ROOT, "pooled     %s%n", result.pooled().fits().verdict());
        printSetAside(result, out);
        out.flush();
    }

    private static void printSetAside(AnalysisResult result, PrintWriter out) {
        if (result.setAside().isEmpty()) {
            return;
        }
        Map<SetAsideReason, Integer> counts = new EnumMap<>(SetAsideReason.class);
        for (SetAside other : result.setAside()) {
            counts.merge(other.reason(), 1, Integer::sum);
        }
        StringBuilder line = new StringBuilder();
        counts.forEach((reason, count) -> line.append(line.length() == 0 ? "" : "; ")
                .append(count).append(' ').append(reason.description()));
        out.printf(Locale.ROOT, "%nset aside  %d tensors, not fitted (%s); --json lists them%n",
                result.setAside().size(), line);
    }

    static String best(LayerResult layer) {
        return layer.fits().best().map(Family::key).orElse("-");
    }

    static String shorten(String name) {
        return name.length() <= MAX_NAME ? name : "…" + name.substring(name.length() - MAX_NAME + 1);
    }

    private static String compact(String shape) {
        return shape.replace(" ", "");
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.3e", value);
    }

    static String fixed(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String ks(double value) {
        return String.format(Locale.ROOT, "%.5f", value);
    }
}
