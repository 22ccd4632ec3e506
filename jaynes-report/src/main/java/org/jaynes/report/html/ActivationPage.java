package org.jaynes.report.html;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaynes.core.analysis.ActivationInputs;
import org.jaynes.core.analysis.ActivationLayer;
import org.jaynes.core.analysis.ActivationResult;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.ModelSummary;
import org.jaynes.core.fit.Family;
import org.jaynes.core.analysis.SetAsideSite;
import org.jaynes.core.theory.NullModels;
import org.jaynes.report.Conventions;

/**
 * The page of {@code jaynes activations}: the neuron outputs of a model run on some inputs, analysed like
 * weights (docs/theory.md §3). In order: the model, the inputs (with their caveat, if any), options and
 * conventions; "the two lognormals", σ of each activation layer beside σ of the weights that feed it, with
 * a table; then the sections of the weight page applied to the outputs: across layers, the sortable
 * table and every layer's plots. Self-contained and deterministic like {@link HtmlReportWriter}.
 */
public final class ActivationPage {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 300;
    private static final String OUTPUTS = "#1f77b4";
    private static final String WEIGHTS = "#d62728";

    private ActivationPage() {
    }

    /** Writes the page of {@code result} to {@code out}; does not close it. */
    public static void write(ActivationResult result, String toolVersion, Writer out) throws IOException {
        AnalysisResult outputs = new AnalysisResult(result.model(), result.options(),
                result.layers().stream().map(ActivationLayer::result).toList(), List.of(), result.pooled(),
                result.universality());
        out.write(PageFrame.head(result.model().path() + " · jaynes neuron outputs", toolVersion));
        out.write(header(result, toolVersion));
        out.write('\n');
        out.write(twoLognormals(result));
        out.write('\n');
        out.write(UniversalitySection.of(outputs));
        out.write('\n');
        out.write(LayerTableSection.of(outputs));
        out.write('\n');
        HtmlReportWriter.writeLayerPlots(outputs.layers(), "ln|output|", out);
        out.write(PageFrame.footWithScript(toolVersion));
    }

    private static String header(ActivationResult result, String toolVersion) {
        ModelSummary model = result.model();
        ActivationInputs inputs = result.inputs();
        StringBuilder out = Markup.header("Neuron-output microstructure", model.path(), toolVersion);
        out.append("<p class=\"meta\">").append(HtmlEscape.text(model.format().label())).append(" · run on ")
                .append(Markup.count(inputs.inputs(), "input", "inputs")).append(" (")
                .append(Markup.count(inputs.positions(), "position", "positions")).append(") from ")
                .append(HtmlEscape.text(inputs.source())).append(" in ")
                .append(Markup.count(inputs.batches(), "batch", "batches")).append(" · ")
                .append(Markup.count(result.layers().size(), "activation layer", "activation layers"))
                .append(" captured</p>");
        if (!result.setAside().isEmpty()) {
            out.append("<p class=\"meta\">Not captured: ");
            for (int i = 0; i < result.setAside().size(); i++) {
                SetAsideSite site = result.setAside().get(i);
                out.append(i == 0 ? "" : "; ").append(HtmlEscape.text(site.name())).append(" (")
                        .append(HtmlEscape.text(site.reason())).append(')');
            }
            out.append("</p>");
        }
        inputs.warning().ifPresent(warning -> out.append("<p class=\"verdict\"><strong>Caution:</strong> ")
                .append(HtmlEscape.text(warning)).append("</p>"));
        List<Map.Entry<String, String>> conventions = new ArrayList<>();
        conventions.add(Map.entry("population", "one activation function's outputs over every input and position; "
                + "w in the statistics below is one output, so ln|w| reads ln|output|. Exact zeros (ReLU) are "
                + "counted and left out of the fits; negative outputs (GELU) are counted and their magnitudes kept."));
        conventions.add(Map.entry("weights beside", "the weight population whose name shares the most leading "
                + "dot-separated parts with the activation layer's name"));
        Conventions.of(result.options()).forEach(c -> conventions.add(Map.entry(c.label(), c.text())));
        Markup.options(out, Conventions.options(result.capture()), conventions);
        return out.append("</header>").toString();
    }

    /** σ of the outputs and of the weights beside them, layer by layer, then the same as a table. */
    private static String twoLognormals(ActivationResult result) {
        List<ActivationLayer> layers = result.layers();
        StringBuilder out = new StringBuilder("<section id=\"two-lognormals\"><h2>The two lognormals</h2>");
        if (layers.isEmpty()) {
            return out.append("<p>No activation function was found in the model's graph.</p></section>").toString();
        }
        out.append("<p class=\"hint\">The theory predicts lognormal neuron outputs as well as lognormal weights. "
                + "Each activation layer's σ of ln|output| beside σ of ln|w| of the weights that feed it.</p>");
        double[] index = new double[layers.size()];
        double[] outputSigma = new double[layers.size()];
        List<String> outputTips = new ArrayList<>();
        List<Double> weightX = new ArrayList<>();
        List<Double> weightY = new ArrayList<>();
        List<String> weightTips = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            ActivationLayer layer = layers.get(i);
            index[i] = i + 1;
            outputSigma[i] = layer.result().stats().sigma();
            outputTips.add(layer.result().tensor().name() + ": σ " + HumanNumbers.format(outputSigma[i]));
            if (layer.weights().isPresent()) {
                LayerResult weights = layer.weights().get();
                weightX.add(index[i]);
                weightY.add(weights.stats().sigma());
                weightTips.add(weights.tensor().name() + ": σ " + HumanNumbers.format(weights.stats().sigma()));
            }
        }
        SvgPlot sigma = new SvgPlot(WIDTH, HEIGHT, "activation layer", "σ").integerX()
                .points("outputs: σ of ln|output|", index, outputSigma, PlotStyle.points(OUTPUTS, Marker.CIRCLE),
                        outputTips)
                .points("weights beside: σ of ln|w|", unbox(weightX), unbox(weightY),
                        PlotStyle.hollowPoints(WEIGHTS, Marker.SQUARE), weightTips)
                .horizontal(NullModels.GAUSSIAN_SIGMA, "Gaussian null π/√8", PlotStyle.dashed("#555555"));
        out.append("<div class=\"figures wide\">");
        Markup.figure(out, sigma.toSvg("σ of outputs and weights by activation layer"), "σ of ln|output| (filled) "
                + "and of ln|w| of the weights beside (hollow), by activation layer in graph order.");
        out.append("</div>");
        out.append("<div class=\"scroll\">").append(table(layers)).append("</div>");
        return out.append("</section>").toString();
    }

    private static String table(List<ActivationLayer> layers) {
        List<HtmlTable.Column> columns = List.of(
                new HtmlTable.Column("index", "#", "position in the graph", true),
                new HtmlTable.Column("name", "activation layer", "", false),
                new HtmlTable.Column("function", "function", "what produced the outputs", false),
                new HtmlTable.Column("n", "n", "outputs over all inputs and positions", true),
                new HtmlTable.Column("zeros", "zeros", "share of outputs exactly 0, left out of the fits", true),
                new HtmlTable.Column("negatives", "negatives", "share of outputs below 0", true),
                new HtmlTable.Column("sigma", "σ", "σ of ln|output|", true),
                new HtmlTable.Column("best", "best law", "the magnitude law with the lowest AIC", false),
                new HtmlTable.Column("weights", "weights beside", "the weights that feed the layer", false),
                new HtmlTable.Column("weightSigma", "σ (w)", "σ of ln|w| of those weights", true),
                new HtmlTable.Column("weightBest", "best law (w)", "", false));
        HtmlTable table = new HtmlTable("two-lognormals-table", "", columns, true);
        for (int i = 0; i < layers.size(); i++) {
            ActivationLayer layer = layers.get(i);
            LayerResult outputs = layer.result();
            long n = outputs.stats().n();
            List<HtmlTable.Cell> cells = new ArrayList<>();
            cells.add(HtmlTable.Cell.count(i + 1));
            cells.add(new HtmlTable.Cell(Markup.breakable(outputs.tensor().name()), outputs.tensor().name()));
            cells.add(HtmlTable.Cell.text(layer.function()));
            cells.add(HtmlTable.Cell.count(n));
            cells.add(HtmlTable.Cell.number(n == 0 ? Double.NaN : (double) outputs.stats().zeros() / n));
            cells.add(HtmlTable.Cell.number(n == 0 ? Double.NaN : (double) layer.negatives() / n));
            cells.add(HtmlTable.Cell.number(outputs.stats().sigma()));
            cells.add(HtmlTable.Cell.text(best(outputs)));
            if (layer.weights().isPresent()) {
                LayerResult weights = layer.weights().get();
                cells.add(new HtmlTable.Cell(Markup.breakable(weights.tensor().name()), weights.tensor().name()));
                cells.add(HtmlTable.Cell.number(weights.stats().sigma()));
                cells.add(HtmlTable.Cell.text(best(weights)));
            } else {
                cells.add(HtmlTable.Cell.text(HumanNumbers.MISSING));
                cells.add(HtmlTable.Cell.number(Double.NaN));
                cells.add(HtmlTable.Cell.text(HumanNumbers.MISSING));
            }
            table.row("", cells);
        }
        return table.toHtml();
    }

    private static String best(LayerResult layer) {
        return layer.fits().best().map(Family::displayName).orElse(HumanNumbers.MISSING);
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
