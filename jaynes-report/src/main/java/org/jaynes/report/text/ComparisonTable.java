package org.jaynes.report.text;

import java.io.PrintWriter;
import java.util.Locale;
import org.jaynes.core.analysis.ModelComparison;
import org.jaynes.core.theory.NullModels;

/**
 * A comparison of models as a plain-text table for a terminal: one row per model (populations, share of
 * layers where the lognormal is the best |w| law, σ mean ± std, normalised μ mean ± std, mean arbitrage
 * gap), then each path that is not its label. Numbers formatted with {@link Locale#ROOT}; missing values
 * as "-".
 */
public final class ComparisonTable {

    private static final int MAX_LABEL = 36;
    private static final String ROW = "%-" + MAX_LABEL + "s %-11s %14s %6s %9s %18s %18s %9s%n";

    private ComparisonTable() {
    }

    public static void print(ModelComparison comparison, PrintWriter out) {
        out.printf(Locale.ROOT, "normalise  mu relative to %s; sigma is scale-free (Gaussian null %.4f)%n%n",
                comparison.normalization().label(), NullModels.GAUSSIAN_SIGMA);
        out.printf(Locale.ROOT, ROW, "model", "format", "parameters", "layers", "lognormal", "sigma mean ± std",
                "mu mean ± std", "gap mean");
        for (ModelComparison.Entry entry : comparison.models()) {
            ModelComparison.Summary s = entry.summary();
            out.printf(Locale.ROOT, ROW, shorten(s.label()), s.format().label(),
                    String.format(Locale.ROOT, "%,d", s.parameters()), s.populations(),
                    Double.isNaN(s.lognormalBestFraction()) ? "-"
                            : String.format(Locale.ROOT, "%.0f%%", 100 * s.lognormalBestFraction()),
                    plusMinus(s.sigmaMean(), s.sigmaStd()), plusMinus(s.muMean(), s.muStd()), fixed(s.gapMean()));
        }
        out.println();
        for (ModelComparison.Entry entry : comparison.models()) {
            if (!entry.summary().path().equals(entry.summary().label())) {
                out.printf(Locale.ROOT, "%-" + MAX_LABEL + "s %s%n", shorten(entry.summary().label()),
                        entry.summary().path());
            }
        }
        out.flush();
    }

    private static String plusMinus(double mean, double std) {
        return Double.isFinite(mean) ? fixed(mean) + " ± " + fixed(std) : "-";
    }

    private static String fixed(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4f", x) : "-";
    }

    private static String shorten(String label) {
        return label.length() <= MAX_LABEL ? label : "…" + label.substring(label.length() - MAX_LABEL + 1);
    }
}
