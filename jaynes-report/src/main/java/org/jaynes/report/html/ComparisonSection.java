package org.jaynes.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jaynes.core.analysis.ModelComparison;
import org.jaynes.core.theory.NullModels;

/**
 * Several models side by side: σ, normalised μ and the arbitrage gap against relative depth, one line per
 * model (σ against the Gaussian null π/√8), and the table of per-model summaries. Models keep their
 * colour and marker in every plot, the legend and the table; colours repeat after the eighth model, but
 * colour and marker together repeat only after the 24th.
 */
final class ComparisonSection {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 300;
    private static final String NULL_LINE = "#555555";
    private static final String DEPTH = "relative depth (0 first population, 1 last)";
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf"};
    private static final Marker[] MARKERS = {Marker.CIRCLE, Marker.SQUARE, Marker.TRIANGLE, Marker.DIAMOND};

    private ComparisonSection() {
    }

    /** The style of the i-th model (0-based). */
    static PlotStyle style(int i) {
        return PlotStyle.points(COLOURS[i % COLOURS.length], MARKERS[i % MARKERS.length]);
    }

    /** The plots, with a legend shared by all of them. */
    static String plots(ModelComparison comparison) {
        StringBuilder out = new StringBuilder("<section id=\"depth\"><h2>Across depth</h2>");
        out.append(legend(comparison));
        out.append("<div class=\"figures wide\">");
        SvgPlot sigma = plot(comparison, "σ of ln|w|", "σ", ModelComparison.DepthPoint::sigma)
                .horizontal(NullModels.GAUSSIAN_SIGMA, "Gaussian null π/√8 = "
                        + HumanNumbers.format(NullModels.GAUSSIAN_SIGMA), PlotStyle.dashed(NULL_LINE));
        Markup.figure(out, sigma.toSvg("σ of ln|w| against relative depth"), "σ of ln|w| against relative depth. "
                + "σ is scale-free, so it compares across models as it is: models sharing one microstructure lie "
                + "on one band; Gaussian weights would sit on π/√8.");
        String normalization = comparison.normalization().label();
        Markup.figure(out, plot(comparison, "normalised μ of ln|w|", "normalised μ",
                ModelComparison.DepthPoint::normalizedMu).toSvg("normalised μ against relative depth"),
                "normalised μ of ln|w| (normalisation " + normalization + ") against relative depth. μ moves "
                + "with the scale of the weights, so it compares across models only after normalisation.");
        Markup.figure(out, plot(comparison, "arbitrage gap (nats)", "gap", ModelComparison.DepthPoint::arbitrageGap)
                .yFromZero().toSvg("arbitrage gap against relative depth"),
                "Arbitrage gap KL(x ‖ x*) against relative depth: 0 at equilibrium.");
        return out.append("</div></section>").toString();
    }

    private static SvgPlot plot(ModelComparison comparison, String yLabel, String symbol,
                                ToDoubleFunction<ModelComparison.DepthPoint> value) {
        SvgPlot plot = new SvgPlot(WIDTH, HEIGHT, DEPTH, yLabel).withoutLegend();
        List<ModelComparison.Entry> models = comparison.models();
        for (int m = 0; m < models.size(); m++) {
            ModelComparison.Entry entry = models.get(m);
            List<ModelComparison.DepthPoint> series = entry.series();
            double[] xs = new double[series.size()];
            double[] ys = new double[series.size()];
            List<String> tips = new ArrayList<>(series.size());
            for (int i = 0; i < series.size(); i++) {
                xs[i] = series.get(i).relativeDepth();
                ys[i] = value.applyAsDouble(series.get(i));
                tips.add(entry.summary().label() + " #" + (i + 1) + " (depth " + HumanNumbers.format(xs[i]) + "): "
                        + symbol + " " + HumanNumbers.format(ys[i]));
            }
            PlotStyle style = style(m);
            plot.line("", xs, ys, PlotStyle.solid(style.colour()));
            plot.points("", xs, ys, style, tips);
        }
        return plot;
    }

    private static String legend(ModelComparison comparison) {
        StringBuilder out = new StringBuilder("<ul class=\"legend\">");
        List<ModelComparison.Entry> models = comparison.models();
        for (int m = 0; m < models.size(); m++) {
            ModelComparison.Summary summary = models.get(m).summary();
            out.append("<li>").append(swatch(m)).append(HtmlEscape.text(summary.label()))
                    .append(" <span class=\"count\">(").append(Markup.count(summary.populations(), "population",
                            "populations")).append(")</span></li>");
        }
        return out.append("</ul>").toString();
    }

    /** A short line through the model's marker. */
    static String swatch(int model) {
        PlotStyle style = style(model);
        return "<svg class=\"swatch\" width=\"22\" height=\"14\" viewBox=\"-11 -7 22 14\"><line stroke=\""
                + style.colour() + "\" stroke-width=\"1.8\" x1=\"-11\" y1=\"0\" x2=\"11\" y2=\"0\"/>"
                + style.marker().element(0, 0, style.colour(), false) + "</svg>";
    }

    /** The sortable table of per-model summaries. */
    static String table(ModelComparison comparison) {
        HtmlTable table = new HtmlTable("models", "", List.of(
                new HtmlTable.Column("model", "model", "", false),
                new HtmlTable.Column("format", "format", "", false),
                new HtmlTable.Column("parameters", "parameters", "values over all tensors", true),
                new HtmlTable.Column("populations", "populations", "tensors analysed", true),
                new HtmlTable.Column("lognormalBest", "lognormal best",
                        "share of populations where the lognormal is the best |w| law by AIC", true),
                new HtmlTable.Column("sigmaMean", "σ mean", "mean σ of ln|w| over the populations", true),
                new HtmlTable.Column("sigmaStd", "σ std", "standard deviation of σ over the populations", true),
                new HtmlTable.Column("muMean", "normalised μ mean", "mean normalised μ of ln|w|", true),
                new HtmlTable.Column("muStd", "normalised μ std", "spread of normalised μ over the populations", true),
                new HtmlTable.Column("gapMean", "gap mean", "mean arbitrage gap KL(x ‖ x*), nats", true),
                new HtmlTable.Column("path", "path", "", false)), true);
        List<ModelComparison.Entry> models = comparison.models();
        for (int m = 0; m < models.size(); m++) {
            ModelComparison.Summary s = models.get(m).summary();
            table.row("", List.of(
                    new HtmlTable.Cell("<span class=\"nowrap\">" + swatch(m) + HtmlEscape.text(s.label()) + "</span>",
                            s.label()),
                    HtmlTable.Cell.text(s.format().label()), HtmlTable.Cell.count(s.parameters()),
                    HtmlTable.Cell.count(s.populations()), percent(s.lognormalBestFraction()),
                    HtmlTable.Cell.number(s.sigmaMean()), HtmlTable.Cell.number(s.sigmaStd()),
                    HtmlTable.Cell.number(s.muMean()), HtmlTable.Cell.number(s.muStd()),
                    HtmlTable.Cell.number(s.gapMean()), new HtmlTable.Cell(Markup.breakable(s.path()), s.path())));
        }
        return "<section id=\"models\"><h2>Models</h2><div class=\"scroll\">" + table.toHtml() + "</div></section>";
    }

    private static HtmlTable.Cell percent(double fraction) {
        String text = Double.isNaN(fraction) ? HumanNumbers.MISSING
                : String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
        return new HtmlTable.Cell(HtmlEscape.text(text), HumanNumbers.exact(fraction));
    }
}
