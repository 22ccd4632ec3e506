package org.jaynes.report.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.fit.Family;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.stats.PopulationStats;

/**
 * Writes one CSV row per population (RFC 4180: comma-separated, fields with commas, quotes or line
 * breaks quoted, quotes doubled), then a row named {@code pooled}. Numbers in full precision with '.'
 * whatever the locale; values that are not finite are empty fields. The header names the columns.
 */
public final class CsvReportWriter {

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("name", "tensor", "role", "shape", "dtype", "n", "zeros",
            "nonfinite", "mean", "std", "mu", "sigma", "ks", "normalizedMu", "r2", "alpha", "beta", "utilitySpread",
            "arbitrageGap", "best", "deltaAicLognormal", "verdict");

    public void write(AnalysisResult result, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write("\r\n");
        for (LayerResult layer : result.layers()) {
            row(layer, out);
        }
        row(result.pooled(), out);
        out.flush();
    }

    private static void row(LayerResult layer, Writer out) throws IOException {
        PopulationStats s = layer.stats();
        FitComparison fits = layer.fits();
        List<String> fields = new ArrayList<>();
        fields.add(layer.tensor().name());
        fields.add(layer.tensor().tensor());
        fields.add(layer.tensor().role().label());
        fields.add(layer.tensor().shape().toString().replace(" ", ""));
        fields.add(layer.tensor().dtype().label());
        fields.add(Long.toString(s.n()));
        fields.add(Long.toString(s.zeros()));
        fields.add(Long.toString(s.nonfinite()));
        for (double value : new double[] {s.mean(), s.std(), s.mu(), s.sigma(), s.ks(), layer.normalizedMu(),
                layer.r2(), layer.game().game().alpha(), layer.game().game().beta(), layer.game().utilitySpread(),
                layer.game().arbitrageGap()}) {
            fields.add(number(value));
        }
        fields.add(fits.best().map(Family::key).orElse(""));
        fields.add(fits.best().map(best -> number(fits.fit(Family.LOGNORMAL).aic() - fits.fit(best).aic())).orElse(""));
        fields.add(fits.verdict());
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value).toLowerCase(Locale.ROOT) : "";
    }

    /** A field as RFC 4180 wants it: quoted, quotes doubled, when it holds a comma, a quote or a line break. */
    public static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
