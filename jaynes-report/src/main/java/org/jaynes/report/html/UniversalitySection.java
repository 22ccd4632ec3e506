package org.jaynes.report.html;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.UniversalitySummary;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.theory.NullModels;

/**
 * Whether the layers share one microstructure (docs/theory.md §1, claim 4), at a glance: σ, normalised μ, the
 * arbitrage gap and the KS distance of every layer in depth (file) order, coloured and shaped by role,
 * σ against the Gaussian (π/√8) and Laplace (π/√6) null lines; then σ and μ by role.
 */
final class UniversalitySection {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 300;
    private static final String NULL_LINE = "#555555";

    private UniversalitySection() {
    }

    static String of(AnalysisResult result) {
        List<LayerResult> layers = result.layers();
        StringBuilder out = new StringBuilder("<section id=\"universality\"><h2>Across layers</h2>");
        if (layers.isEmpty()) {
            return out.append("<p>No populations: nothing to compare.</p></section>").toString();
        }
        Map<Role, List<Integer>> byRole = byRole(layers);
        out.append(legend(byRole, layers.get(0).baseline().isPresent()));
        out.append("<div class=\"figures wide\">");
        Markup.figure(out, sigmaPlot(layers).toSvg("σ of ln|w| by layer"), "σ of ln|w| by layer. σ is scale-free: "
                + "every layer at the same σ is what universality predicts; Gaussian weights would sit on π/√8.");
        Markup.figure(out, muPlot(layers).toSvg("normalised μ by layer"), "normalised μ of ln|w| by layer (normalisation "
                + result.options().normalization().label() + ").");
        Markup.figure(out, gapPlot(layers).toSvg("arbitrage gap by layer"),
                "Arbitrage gap KL(x ‖ x*) by layer: 0 at equilibrium.");
        Markup.figure(out, ksPlot(layers).toSvg("KS distance by layer"), "Kolmogorov–Smirnov distance of ln|w| from the "
                + "fitted normal, by layer: 0 for an exact lognormal.");
        out.append("</div>");
        out.append(roleTable(result.universality()));
        return out.append("</section>").toString();
    }

    /** σ by layer with the Gaussian and Laplace null lines and the baseline's σ when there is one. */
    static SvgPlot sigmaPlot(List<LayerResult> layers) {
        SvgPlot sigma = plot(layers, byRole(layers), "σ of ln|w|", "σ", l -> l.stats().sigma())
                .horizontal(NullModels.GAUSSIAN_SIGMA, "Gaussian null π/√8 = " + HumanNumbers.format(NullModels.GAUSSIAN_SIGMA),
                        PlotStyle.dashed(NULL_LINE))
                .horizontal(NullModels.LAPLACE_SIGMA, "Laplace null π/√6 = " + HumanNumbers.format(NullModels.LAPLACE_SIGMA),
                        PlotStyle.dashed("#999999"));
        baseline(sigma, layers);
        return sigma;
    }

    static SvgPlot muPlot(List<LayerResult> layers) {
        return plot(layers, byRole(layers), "normalised μ of ln|w|", "normalised μ", LayerResult::normalizedMu);
    }

    static SvgPlot gapPlot(List<LayerResult> layers) {
        return plot(layers, byRole(layers), "arbitrage gap (nats)", "gap", l -> l.game().arbitrageGap()).yFromZero();
    }

    static SvgPlot ksPlot(List<LayerResult> layers) {
        return plot(layers, byRole(layers), "KS distance of ln|w|", "KS", l -> l.stats().ks()).yFromZero();
    }

    /** The indices of the layers of each role, roles in enum order. */
    private static Map<Role, List<Integer>> byRole(List<LayerResult> layers) {
        Map<Role, List<Integer>> byRole = new EnumMap<>(Role.class);
        for (int i = 0; i < layers.size(); i++) {
            byRole.computeIfAbsent(layers.get(i).tensor().role(), r -> new ArrayList<>()).add(i);
        }
        return byRole;
    }

    private static SvgPlot plot(List<LayerResult> layers, Map<Role, List<Integer>> byRole, String yLabel,
                                String symbol, ToDoubleFunction<LayerResult> value) {
        SvgPlot plot = new SvgPlot(WIDTH, HEIGHT, "layer (file order)", yLabel).integerX().withoutLegend();
        byRole.forEach((role, indices) -> {
            double[] xs = new double[indices.size()];
            double[] ys = new double[indices.size()];
            List<String> tips = new ArrayList<>(indices.size());
            for (int j = 0; j < indices.size(); j++) {
                LayerResult layer = layers.get(indices.get(j));
                xs[j] = indices.get(j) + 1;
                ys[j] = value.applyAsDouble(layer);
                tips.add("#" + (indices.get(j) + 1) + " " + layer.tensor().name() + " (" + role.label() + "): "
                        + symbol + " " + HumanNumbers.format(ys[j]));
            }
            plot.points(role.label(), xs, ys, RolePalette.of(role), tips);
        });
        return plot;
    }

    /** The baseline's σ per layer, as hollow grey points, when the analysis has one. */
    private static void baseline(SvgPlot plot, List<LayerResult> layers) {
        if (layers.get(0).baseline().isEmpty()) {
            return;
        }
        double[] xs = new double[layers.size()];
        double[] ys = new double[layers.size()];
        List<String> tips = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            xs[i] = i + 1;
            ys[i] = layers.get(i).baseline().map(b -> b.stats().sigma()).orElse(Double.NaN);
            tips.add("#" + (i + 1) + " baseline: σ " + HumanNumbers.format(ys[i]));
        }
        plot.points("baseline", xs, ys, PlotStyle.hollowPoints("#888888", Marker.CIRCLE), tips);
    }

    private static String legend(Map<Role, List<Integer>> byRole, boolean baseline) {
        StringBuilder out = new StringBuilder("<ul class=\"legend\">");
        byRole.forEach((role, indices) -> out.append("<li>").append(swatch(RolePalette.of(role)))
                .append(HtmlEscape.text(role.label())).append(" <span class=\"count\">(").append(indices.size())
                .append(")</span></li>"));
        if (baseline) {
            out.append("<li>").append(swatch(PlotStyle.hollowPoints("#888888", Marker.CIRCLE)))
                    .append("baseline (σ only)</li>");
        }
        return out.append("</ul>").toString();
    }

    private static String swatch(PlotStyle style) {
        return "<svg class=\"swatch\" width=\"14\" height=\"14\" viewBox=\"-7 -7 14 14\">"
                + style.marker().element(0, 0, style.colour(), style.hollow()) + "</svg>";
    }


    private static String roleTable(UniversalitySummary universality) {
        HtmlTable table = new HtmlTable("roles", "compact", List.of(
                new HtmlTable.Column("role", "role", "", false),
                new HtmlTable.Column("layers", "layers", "", true),
                new HtmlTable.Column("sigma", "σ mean", "mean σ of ln|w| over the role's layers", true),
                new HtmlTable.Column("sigmaStd", "σ std", "standard deviation of σ over the role's layers", true),
                new HtmlTable.Column("mu", "normalised μ mean", "", true),
                new HtmlTable.Column("muStd", "normalised μ std", "", true)), false);
        universality.byRole().forEach((role, spread) -> table.row("", row(role.label(), spread)));
        table.footerRow(" class=\"pooled\"", row("all layers", universality.overall()));
        return "<h3>By role</h3>" + table.toHtml();
    }

    private static List<HtmlTable.Cell> row(String name, UniversalitySummary.Spread spread) {
        return List.of(HtmlTable.Cell.text(name), HtmlTable.Cell.count(spread.layers()),
                HtmlTable.Cell.number(spread.sigmaMean()), HtmlTable.Cell.number(spread.sigmaStd()),
                HtmlTable.Cell.number(spread.muMean()), HtmlTable.Cell.number(spread.muStd()));
    }
}
