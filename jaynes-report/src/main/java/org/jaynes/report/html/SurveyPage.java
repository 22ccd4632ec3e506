package org.jaynes.report.html;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.jaynes.core.analysis.UniversalityTest;
import org.jaynes.core.theory.NullModels;

/**
 * Writes a survey of many models (or of one run's checkpoints) as one self-contained HTML5 page: whether σ
 * is the same across models within each role, σ and normalised μ against relative depth with the Gaussian
 * and Laplace nulls, per checkpoint series the layers' σ, normalised μ, KS and arbitrage gap against step
 * and the steps where a layer's best law changes, the sortable table of models with their best-law
 * counts, and the failures. Like {@link ComparisonPage}: everything inline, the same bytes for the same
 * input. Thread-safe.
 */
public final class SurveyPage {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 300;
    private static final String NULL_LINE = "#555555";
    private static final String LAPLACE_LINE = "#aaaaaa";
    private static final String DEPTH = "relative depth (0 first population, 1 last)";

    private SurveyPage() {
    }

    /** Writes the page to {@code out}, UTF-8 as declared by the page; does not close it. */
    public static void write(SurveyPageInput survey, String toolVersion, Writer out) throws IOException {
        out.write(PageFrame.head(survey.title() + " · jaynes survey", toolVersion));
        out.write(header(survey, toolVersion));
        out.write(universality(survey));
        out.write(depthPlots(survey));
        if (survey.series()) {
            out.write(stepPlots(survey));
        }
        out.write(modelTable(survey));
        if (!survey.failures().isEmpty()) {
            out.write(failureTable(survey));
        }
        out.write(PageFrame.footWithScript(toolVersion));
    }

    private static String header(SurveyPageInput survey, String toolVersion) {
        long layers = survey.models().stream().mapToLong(m -> m.layers().size()).sum();
        StringBuilder out = Markup.header("Weight microstructure surveyed", survey.title(), toolVersion);
        out.append("<p class=\"meta\">")
                .append(Markup.count(survey.models().size(), survey.series() ? "checkpoint" : "model",
                        survey.series() ? "checkpoints" : "models"))
                .append(", ").append(Markup.count(layers, "layer", "layers"));
        if (!survey.failures().isEmpty()) {
            out.append(", ").append(Markup.count(survey.failures().size(), "failure", "failures"));
        }
        out.append(". Every model was analysed with the options below; its report is reports/ID.json. Depth is "
                + "relative: population i of n, in file order, is at i/(n − 1).</p>");
        Markup.options(out, survey.options());
        return out.append("</header>\n").toString();
    }

    private static String universality(SurveyPageInput survey) {
        StringBuilder out = new StringBuilder("<section id=\"universality\"><h2>Is σ the same across models?</h2>");
        out.append("<p>Per role, a one-way analysis of variance of the layers' σ of ln|w| with the model as the "
                + "factor: the spread of the models' mean σ against the spread within a model. A small p says the "
                + "models differ by more than their layers do.</p><ul>");
        for (UniversalityTest.RoleResult test : survey.universality()) {
            out.append("<li>").append(HtmlEscape.text(Markup.capitalised(test.sentence()))).append("</li>");
        }
        out.append("</ul>");
        HtmlTable table = new HtmlTable("", "", List.of(new HtmlTable.Column("role", "role", "", false),
                new HtmlTable.Column("models", "models", "", true), new HtmlTable.Column("layers", "layers", "", true),
                new HtmlTable.Column("between", "between-model spread", "standard deviation of the models' mean σ", true),
                new HtmlTable.Column("within", "within-model spread", "pooled standard deviation of σ within a model",
                        true),
                new HtmlTable.Column("f", "F", "between-model over within-model mean square", true),
                new HtmlTable.Column("p", "p", "P(F ≥ observed) if every model had one σ", true)), true);
        for (UniversalityTest.RoleResult test : survey.universality()) {
            table.row("", List.of(HtmlTable.Cell.text(test.role()), HtmlTable.Cell.count(test.models()),
                    HtmlTable.Cell.count(test.layers()), HtmlTable.Cell.number(test.betweenSpread()),
                    HtmlTable.Cell.number(test.withinSpread()), HtmlTable.Cell.number(test.f()),
                    HtmlTable.Cell.number(test.p())));
        }
        return out.append("<div class=\"scroll\">").append(table.toHtml()).append("</div></section>\n").toString();
    }

    private static String depthPlots(SurveyPageInput survey) {
        StringBuilder out = new StringBuilder("<section id=\"depth\"><h2>Across depth</h2><ul class=\"legend\">");
        for (int m = 0; m < survey.models().size(); m++) {
            out.append("<li>").append(ComparisonSection.swatch(m)).append(HtmlEscape.text(label(survey.models().get(m))))
                    .append("</li>");
        }
        out.append("</ul><div class=\"figures wide\">");
        SvgPlot sigma = depthPlot(survey, "σ of ln|w|", SurveyPageInput.Layer::sigma)
                .horizontal(NullModels.GAUSSIAN_SIGMA, "Gaussian null π/√8 = "
                        + HumanNumbers.format(NullModels.GAUSSIAN_SIGMA), PlotStyle.dashed(NULL_LINE))
                .horizontal(NullModels.LAPLACE_SIGMA, "Laplace null π/√6 = "
                        + HumanNumbers.format(NullModels.LAPLACE_SIGMA), PlotStyle.dashed(LAPLACE_LINE));
        Markup.figure(out, sigma.toSvg("σ of ln|w| against relative depth"), "σ of ln|w| against relative depth, "
                + "one colour per model. Gaussian weights of any scale give π/√8, Laplace weights π/√6: a σ near "
                + "a null says nothing beyond that null.");
        Markup.figure(out, depthPlot(survey, "normalised μ of ln|w|", SurveyPageInput.Layer::normalizedMu)
                .toSvg("normalised μ against relative depth"), "normalised μ of ln|w| against relative depth "
                + "(each model's normalisation is in its report).");
        return out.append("</div></section>\n").toString();
    }

    private static SvgPlot depthPlot(SurveyPageInput survey, String yLabel,
                                     ToDoubleFunction<SurveyPageInput.Layer> value) {
        SvgPlot plot = new SvgPlot(WIDTH, HEIGHT, DEPTH, yLabel).withoutLegend();
        for (int m = 0; m < survey.models().size(); m++) {
            SurveyPageInput.Model model = survey.models().get(m);
            double[] xs = model.layers().stream().mapToDouble(SurveyPageInput.Layer::relativeDepth).toArray();
            double[] ys = model.layers().stream().mapToDouble(value).toArray();
            List<String> tips = new ArrayList<>();
            for (int i = 0; i < xs.length; i++) {
                tips.add(label(model) + " " + model.layers().get(i).name() + ": " + HumanNumbers.format(ys[i]));
            }
            PlotStyle style = ComparisonSection.style(m);
            plot.line("", xs, ys, PlotStyle.solid(style.colour()));
            plot.points("", xs, ys, style, tips);
        }
        return plot;
    }

    /** A checkpoint series: each layer (matched by name) against step, and the steps where its best law changes. */
    private static String stepPlots(SurveyPageInput survey) {
        Map<String, List<double[]>> byLayer = new LinkedHashMap<>();
        Map<String, List<Map.Entry<Long, String>>> bestByLayer = new LinkedHashMap<>();
        for (SurveyPageInput.Model model : survey.models()) {
            long step = model.step().orElse(0);
            for (SurveyPageInput.Layer layer : model.layers()) {
                byLayer.computeIfAbsent(layer.name(), n -> new ArrayList<>())
                        .add(new double[] {step, layer.sigma(), layer.normalizedMu(), layer.ks(), layer.gap()});
                bestByLayer.computeIfAbsent(layer.name(), n -> new ArrayList<>()).add(Map.entry(step, layer.best()));
            }
        }
        StringBuilder out = new StringBuilder("<section id=\"steps\"><h2>Across training steps</h2>"
                + "<div class=\"figures wide\">");
        String[] labels = {"σ of ln|w|", "normalised μ of ln|w|", "KS distance from the lognormal", "arbitrage gap (nats)"};
        for (int v = 0; v < labels.length; v++) {
            SvgPlot plot = new SvgPlot(WIDTH, HEIGHT, "step", labels[v]).withoutLegend();
            int layerIndex = 0;
            for (Map.Entry<String, List<double[]>> layer : byLayer.entrySet()) {
                int column = v + 1;
                double[] xs = layer.getValue().stream().mapToDouble(p -> p[0]).toArray();
                double[] ys = layer.getValue().stream().mapToDouble(p -> p[column]).toArray();
                List<String> tips = new ArrayList<>();
                for (int i = 0; i < xs.length; i++) {
                    tips.add(layer.getKey() + " at step " + (long) xs[i] + ": " + HumanNumbers.format(ys[i]));
                }
                PlotStyle style = ComparisonSection.style(layerIndex++);
                plot.line("", xs, ys, PlotStyle.solid(style.colour()));
                plot.points("", xs, ys, style, tips);
            }
            Markup.figure(out, plot.toSvg(labels[v] + " against step"), labels[v] + " of each layer (one line per "
                    + "layer name) against the training step.");
        }
        out.append("</div>");
        HtmlTable changes = new HtmlTable("", "", List.of(new HtmlTable.Column("layer", "layer", "", false),
                new HtmlTable.Column("step", "step", "the first step with the new best law", true),
                new HtmlTable.Column("from", "from", "best |w| law at the step before", false),
                new HtmlTable.Column("to", "to", "best |w| law from this step", false)), true);
        int rows = 0;
        for (Map.Entry<String, List<Map.Entry<Long, String>>> layer : bestByLayer.entrySet()) {
            List<Map.Entry<Long, String>> steps = layer.getValue();
            for (int i = 1; i < steps.size(); i++) {
                if (!steps.get(i).getValue().equals(steps.get(i - 1).getValue())) {
                    changes.row("", List.of(HtmlTable.Cell.text(layer.getKey()),
                            HtmlTable.Cell.count(steps.get(i).getKey()), HtmlTable.Cell.text(steps.get(i - 1).getValue()),
                            HtmlTable.Cell.text(steps.get(i).getValue())));
                    rows++;
                }
            }
        }
        out.append("<h3>Where a layer's best law changes</h3>");
        out.append(rows == 0 ? "<p>No layer changes its best |w| law between checkpoints.</p>"
                : "<div class=\"scroll\">" + changes.toHtml() + "</div>");
        return out.append("</section>\n").toString();
    }

    private static String modelTable(SurveyPageInput survey) {
        HtmlTable table = new HtmlTable("models", "", List.of(new HtmlTable.Column("model", "model", "", false),
                new HtmlTable.Column("step", "step", "", true), new HtmlTable.Column("layers", "layers", "", true),
                new HtmlTable.Column("lognormal", "lognormal best", "layers whose best |w| law is the lognormal", true),
                new HtmlTable.Column("best", "best laws", "how many layers each law is best for", false),
                new HtmlTable.Column("sigmaMean", "σ mean", "mean σ of ln|w| over the layers", true),
                new HtmlTable.Column("sigmaStd", "σ std", "standard deviation of σ over the layers", true),
                new HtmlTable.Column("muMean", "normalised μ mean", "mean normalised μ of ln|w|", true),
                new HtmlTable.Column("gapMean", "gap mean", "mean arbitrage gap KL(x ‖ x*), nats", true),
                new HtmlTable.Column("path", "path", "", false)), true);
        for (int m = 0; m < survey.models().size(); m++) {
            SurveyPageInput.Model model = survey.models().get(m);
            Map<String, Integer> best = new TreeMap<>();
            model.layers().forEach(l -> best.merge(l.best().isEmpty() ? HumanNumbers.MISSING : l.best(), 1, Integer::sum));
            StringBuilder laws = new StringBuilder();
            best.forEach((law, count) -> laws.append(laws.length() == 0 ? "" : " · ").append(law).append(' ').append(count));
            double[] sigmas = model.layers().stream().mapToDouble(SurveyPageInput.Layer::sigma).toArray();
            table.row("", List.of(
                    new HtmlTable.Cell("<span class=\"nowrap\">" + ComparisonSection.swatch(m)
                            + HtmlEscape.text(model.id()) + "</span>", model.id()),
                    model.step().isPresent() ? HtmlTable.Cell.count(model.step().getAsLong())
                            : HtmlTable.Cell.text(HumanNumbers.MISSING),
                    HtmlTable.Cell.count(model.layers().size()), HtmlTable.Cell.count(best.getOrDefault("lognormal", 0)),
                    HtmlTable.Cell.text(laws.toString()), HtmlTable.Cell.number(mean(sigmas)),
                    HtmlTable.Cell.number(std(sigmas)),
                    HtmlTable.Cell.number(mean(model.layers().stream().mapToDouble(SurveyPageInput.Layer::normalizedMu)
                            .toArray())),
                    HtmlTable.Cell.number(mean(model.layers().stream().mapToDouble(SurveyPageInput.Layer::gap).toArray())),
                    new HtmlTable.Cell(Markup.breakable(model.path()), model.path())));
        }
        return "<section id=\"models\"><h2>" + (survey.series() ? "Checkpoints" : "Models")
                + "</h2><div class=\"scroll\">" + table.toHtml() + "</div></section>\n";
    }

    private static String failureTable(SurveyPageInput survey) {
        HtmlTable table = new HtmlTable("failures", "", List.of(new HtmlTable.Column("model", "model", "", false),
                new HtmlTable.Column("reason", "reason", "", false), new HtmlTable.Column("path", "path", "", false)),
                true);
        for (SurveyPageInput.Failure failure : survey.failures()) {
            table.row("", List.of(HtmlTable.Cell.text(failure.id()), HtmlTable.Cell.text(failure.reason()),
                    new HtmlTable.Cell(Markup.breakable(failure.path()), failure.path())));
        }
        return "<section id=\"failures\"><h2>Models that could not be analysed</h2><div class=\"scroll\">"
                + table.toHtml() + "</div></section>\n";
    }

    private static String label(SurveyPageInput.Model model) {
        return model.step().isPresent() ? model.id() + " (step " + model.step().getAsLong() + ")" : model.id();
    }

    /** The mean of the finite values; NaN when there are none. */
    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** The standard deviation (ddof 1) of the finite values; NaN when there are fewer than two. */
    private static double std(double[] values) {
        double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length < 2) {
            return Double.NaN;
        }
        double mean = mean(finite);
        return Math.sqrt(java.util.Arrays.stream(finite).map(x -> (x - mean) * (x - mean)).sum() / (finite.length - 1));
    }
}
