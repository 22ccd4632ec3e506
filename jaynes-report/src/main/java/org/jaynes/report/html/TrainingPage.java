package org.jaynes.report.html;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jaynes.core.theory.NullModels;

/**
 * Writes a training run ({@code jaynes train}) as one self-contained HTML5 page:
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(Path.of("train.html"))) {
 *     TrainingPage.write(input, "0.1.0", out);
 * }
 * }</pre>
 *
 * <p>The page holds, in order: the options and conventions; the findings in plain sentences; the learning
 * curves (train and test loss, test accuracy against the epoch); every layer's trajectory of μ, σ, KS,
 * arbitrage gap and utility spread against the epoch, one line per layer, with the σ of Gaussian weights,
 * π/√8, drawn on σ; the best law of each layer at each epoch; where the weights were saved; the layers after
 * the last epoch; and, folded, every number of every epoch. Like {@link HtmlReportWriter}: everything inline,
 * nothing fetched, no script, well-formed XML, numbers formatted with {@link java.util.Locale#ROOT} and no
 * date, so the same input gives the same bytes. Non-finite values are left out of plots and print as
 * {@link HumanNumbers#MISSING}. Thread-safe.
 */
public final class TrainingPage {

    private static final int WIDE = 620;
    private static final int NARROW = 440;
    private static final int HEIGHT = 290;
    private static final String REFERENCE = "#555555";

    private TrainingPage() {
    }

    /** Writes the page of {@code input} to {@code out}, UTF-8 as declared by the page; does not close it. */
    public static void write(TrainingInput input, String toolVersion, Writer out) throws IOException {
        RunHeader.page(out, "train", "Training", input,
                Markup.count(input.layerNames().size(), "layer", "layers") + " tracked · "
                + Markup.count(input.last().epoch(), "epoch", "epochs"), toolVersion,
                findings(input), learning(input), trajectories(input), bestLaws(input), saved(input),
                finalLayers(input), everyEpoch(input));
    }

    private static String findings(TrainingInput input) {
        TrainingInput.Epoch first = input.epochs().get(0);
        TrainingInput.Epoch last = input.last();
        StringBuilder out = new StringBuilder("<section id=\"summary\"><h2>Findings</h2><ul>");
        out.append("<li>").append(HtmlEscape.text("After epoch " + last.epoch() + ": test accuracy "
                + HumanNumbers.format(last.testAccuracy()) + ", test loss " + HumanNumbers.format(last.testLoss())
                + " (epoch " + first.epoch() + ": accuracy " + HumanNumbers.format(first.testAccuracy()) + ", loss "
                + HumanNumbers.format(first.testLoss()) + ").")).append("</li>");
        for (int l = 0; l < input.layerNames().size(); l++) {
            TrainingInput.Layer from = first.layers().get(l);
            TrainingInput.Layer to = last.layers().get(l);
            out.append("<li>").append(HtmlEscape.text(to.name() + ": σ of ln|w| " + HumanNumbers.format(from.sigma())
                    + " → " + HumanNumbers.format(to.sigma()) + ", KS " + HumanNumbers.format(from.ks()) + " → "
                    + HumanNumbers.format(to.ks()) + ", arbitrage gap " + HumanNumbers.format(from.arbitrageGap())
                    + " → " + HumanNumbers.format(to.arbitrageGap()) + " nats; best law now " + to.bestFamily()
                    + ".")).append("</li>");
        }
        return out.append("</ul></section>\n").toString();
    }

    private static double[] epochs(TrainingInput input) {
        return input.epochs().stream().mapToDouble(TrainingInput.Epoch::epoch).toArray();
    }

    private static double[] values(TrainingInput input, ToDoubleFunction<TrainingInput.Epoch> value) {
        return input.epochs().stream().mapToDouble(value).toArray();
    }

    private static String learning(TrainingInput input) {
        double[] x = epochs(input);
        SvgPlot loss = EpochPlots.plot(WIDE, HEIGHT, "cross-entropy loss (nats)");
        EpochPlots.line(loss, "train loss (mean over the epoch's steps)", x, values(input,
                TrainingInput.Epoch::trainLoss), LinePalette.solid(1));
        EpochPlots.line(loss, "test loss (after the epoch)", x, values(input, TrainingInput.Epoch::testLoss),
                LinePalette.solid(0));
        SvgPlot accuracy = EpochPlots.plot(WIDE, HEIGHT, "test accuracy").withoutLegend();
        EpochPlots.line(accuracy, "test accuracy", x, values(input, TrainingInput.Epoch::testAccuracy),
                LinePalette.solid(0));
        return RunHeader.section("learning", "Learning curves", "Epoch 0 is the network at initialisation, "
                + "before any step; it has no train loss.", RunHeader.figures("wide", List.of(
                RunHeader.figure(loss.toSvg("loss against epoch"), "Cross-entropy on the training steps of each "
                        + "epoch and on the test set after it."),
                RunHeader.figure(accuracy.toSvg("test accuracy against epoch"),
                        "The share of the test set classified correctly."))));
    }

    private static String trajectories(TrainingInput input) {
        List<String> figures = new ArrayList<>();
        figures.add(trajectory(input, "mean μ of ln|w|", TrainingInput.Layer::mu, false, "μ: the log-scale of the "
                + "weights; it moves with their overall size."));
        SvgPlot sigma = trajectoryPlot(input, "σ of ln|w|", TrainingInput.Layer::sigma, false);
        sigma.horizontal(NullModels.GAUSSIAN_SIGMA, "Gaussian weights π/√8 = "
                + HumanNumbers.format(NullModels.GAUSSIAN_SIGMA), PlotStyle.dashed(REFERENCE));
        figures.add(RunHeader.figure(sigma.toSvg("sigma of ln|w| against epoch, one line per layer"),
                "σ: the spread of ln|w|, independent of scale. Dashed: σ of any Gaussian weights, π/√8; a layer "
                + "that keeps it has learned no lognormal structure beyond its initialisation."));
        figures.add(trajectory(input, "KS distance from the lognormal", TrainingInput.Layer::ks, true,
                "KS: sup |Fₙ − F| of ln|w| against N(μ, σ); 0 for exactly lognormal |w|."));
        figures.add(trajectory(input, "arbitrage gap KL(x ‖ x*) (nats)", TrainingInput.Layer::arbitrageGap, true,
                "The arbitrage gap: how far the binned weights are from the equilibrium of the connection game "
                + "fitted to them; 0 at equilibrium."));
        figures.add(trajectory(input, "utility spread", TrainingInput.Layer::utilitySpread, true,
                "The spread of the effective utilities across bins; 0 when every bin earns the same, as at "
                + "arbitrage equilibrium."));
        return RunHeader.section("trajectories", "Layer trajectories", "Each layer's weight microstructure "
                + "against the epoch, one line per layer, measured as 'jaynes analyze' measures a population.",
                RunHeader.legend(input.layerNames()) + RunHeader.figures("", figures));
    }

    private static String trajectory(TrainingInput input, String label, ToDoubleFunction<TrainingInput.Layer> value, boolean fromZero,
                                     String caption) {
        return RunHeader.figure(trajectoryPlot(input, label, value, fromZero).toSvg(label
                + " against epoch, one line per layer"), caption);
    }

    private static SvgPlot trajectoryPlot(TrainingInput input, String label, ToDoubleFunction<TrainingInput.Layer> value, boolean fromZero) {
        SvgPlot plot = EpochPlots.plot(NARROW, HEIGHT, label).withoutLegend();
        if (fromZero) {
            plot.yFromZero();
        }
        double[] x = epochs(input);
        for (int l = 0; l < input.layerNames().size(); l++) {
            int layer = l;
            EpochPlots.line(plot, input.layerNames().get(l), x, values(input,
                    e -> value.applyAsDouble(e.layers().get(layer))), LinePalette.solid(l));
        }
        return plot;
    }

    private static String bestLaws(TrainingInput input) {
        List<HtmlTable.Column> columns = new ArrayList<>();
        columns.add(new HtmlTable.Column("epoch", "epoch", "", true));
        for (int l = 0; l < input.layerNames().size(); l++) {
            columns.add(new HtmlTable.Column("layer" + l, input.layerNames().get(l), "", false));
        }
        HtmlTable table = new HtmlTable("best-laws", "compact", columns, false);
        for (TrainingInput.Epoch e : input.epochs()) {
            List<HtmlTable.Cell> cells = new ArrayList<>();
            cells.add(HtmlTable.Cell.count(e.epoch()));
            e.layers().forEach(layer -> cells.add(HtmlTable.Cell.text(layer.bestFamily())));
            table.row("", cells);
        }
        return RunHeader.section("best", "Best law by epoch", "The magnitude law with the lowest AIC among "
                + "lognormal, half-normal, exponential, Weibull and gamma, for each layer after each epoch.",
                "<div class=\"scroll\">" + table.toHtml() + "</div>");
    }

    private static String saved(TrainingInput input) {
        StringBuilder list = new StringBuilder("<ul>");
        int count = 0;
        for (TrainingInput.Epoch e : input.epochs()) {
            if (e.saved().isPresent()) {
                list.append("<li>epoch ").append(e.epoch()).append(": <code>").append(HtmlEscape.text(e.saved().get()))
                        .append("</code></li>");
                count++;
            }
        }
        list.append("</ul>");
        return RunHeader.section("saved", "Saved weights", count == 0 ? "No weights were saved."
                : "Safetensors files, readable by 'jaynes analyze' and by PyTorch.", count == 0 ? "" : list.toString());
    }

    private static List<HtmlTable.Column> layerColumns(boolean withEpoch) {
        List<HtmlTable.Column> columns = new ArrayList<>();
        if (withEpoch) {
            columns.add(new HtmlTable.Column("epoch", "epoch", "", true));
        }
        columns.addAll(List.of(new HtmlTable.Column("name", "layer", "", false),
                new HtmlTable.Column("n", "n", "elements", true),
                new HtmlTable.Column("zeros", "zeros", "exact zeros, left out of the fit", true),
                new HtmlTable.Column("mu", "μ", "mean of ln|w|", true),
                new HtmlTable.Column("sigma", "σ", "standard deviation of ln|w|", true),
                new HtmlTable.Column("ks", "KS", "KS distance of ln|w| from N(μ, σ)", true),
                new HtmlTable.Column("rms", "rms", "√E[w²]", true),
                new HtmlTable.Column("gap", "gap", "arbitrage gap KL(x ‖ x*), nats", true),
                new HtmlTable.Column("spread", "spread", "utility spread", true),
                new HtmlTable.Column("best", "best law", "lowest AIC", false)));
        return columns;
    }

    private static List<HtmlTable.Cell> layerCells(TrainingInput.Layer m) {
        return List.of(new HtmlTable.Cell(Markup.breakable(m.name()), m.name()), HtmlTable.Cell.count(m.n()),
                HtmlTable.Cell.count(m.zeros()), HtmlTable.Cell.number(m.mu()), HtmlTable.Cell.number(m.sigma()),
                HtmlTable.Cell.number(m.ks()), HtmlTable.Cell.number(m.rms()), HtmlTable.Cell.number(m.arbitrageGap()),
                HtmlTable.Cell.number(m.utilitySpread()), HtmlTable.Cell.text(m.bestFamily()));
    }

    private static String finalLayers(TrainingInput input) {
        HtmlTable table = new HtmlTable("final", "", layerColumns(false), false);
        StringBuilder verdicts = new StringBuilder("<ul>");
        for (TrainingInput.Layer m : input.last().layers()) {
            table.row("", layerCells(m));
            verdicts.append("<li>").append(HtmlEscape.text(m.name() + ": " + m.verdict())).append("</li>");
        }
        return RunHeader.section("final", "After the last epoch", "Every layer after epoch " + input.last().epoch()
                + ", with the laws' comparison in one sentence each.", "<div class=\"scroll\">" + table.toHtml()
                + "</div>" + verdicts.append("</ul>"));
    }

    private static String everyEpoch(TrainingInput input) {
        HtmlTable table = new HtmlTable("every-epoch", "", layerColumns(true), false);
        for (TrainingInput.Epoch e : input.epochs()) {
            for (TrainingInput.Layer m : e.layers()) {
                List<HtmlTable.Cell> cells = new ArrayList<>();
                cells.add(HtmlTable.Cell.count(e.epoch()));
                cells.addAll(layerCells(m));
                table.row("", cells);
            }
        }
        return "<section id=\"numbers\"><details class=\"conventions\"><summary>Every epoch and layer: all the numbers"
                + "</summary><div class=\"scroll\">" + table.toHtml() + "</div></details></section>\n";
    }
}
