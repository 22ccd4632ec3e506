package org.jaynes.report.html;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jaynes.core.theory.NullModels;

/**
 * Writes an initialisation experiment ({@code jaynes experiment init}) as one self-contained HTML5 page:
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(Path.of("init.html"))) {
 *     InitExperimentPage.write(input, "0.1.0", out);
 * }
 * }</pre>
 *
 * <p>The page holds, in order: the options and conventions; the findings; test accuracy and test loss
 * against the epoch, per initialiser the mean over seeds as a line, mean ± sd as a translucent band (none
 * for a single seed, whose sd is undefined) and each seed as a faint line, and with more than one trained
 * epoch the same again from epoch 1 on (the untrained network's chance-level accuracy would otherwise set
 * the scale and hide the initialisers' differences); the verdicts (pairs, difference
 * of the final mean accuracies, the threshold the seed spread sets, the verdict); each initialiser's
 * final-layer σ and best law; and, folded, every epoch's numbers. Like {@link HtmlReportWriter}: everything
 * inline, nothing fetched, no script, well-formed XML, numbers formatted with {@link java.util.Locale#ROOT}
 * and no date, so the same input gives the same bytes. Non-finite values are left out of plots and print
 * as {@link HumanNumbers#MISSING}. Thread-safe.
 */
public final class InitExperimentPage {

    private static final int WIDTH = 620;
    private static final int HEIGHT = 320;
    private static final Function<InitExperimentInput.EpochSpread, InitExperimentInput.Spread> ACCURACY =
            InitExperimentInput.EpochSpread::testAccuracy;
    private static final Function<InitExperimentInput.EpochSpread, InitExperimentInput.Spread> LOSS =
            InitExperimentInput.EpochSpread::testLoss;
    private static final Function<InitExperimentInput.InitializerRuns, List<double[]>> ACCURACY_SEEDS =
            InitExperimentInput.InitializerRuns::seedAccuracy;
    private static final Function<InitExperimentInput.InitializerRuns, List<double[]>> LOSS_SEEDS =
            InitExperimentInput.InitializerRuns::seedLoss;

    private InitExperimentPage() {
    }

    /** Writes the page of {@code input} to {@code out}, UTF-8 as declared by the page; does not close it. */
    public static void write(InitExperimentInput input, String toolVersion, Writer out) throws IOException {
        List<InitExperimentInput.InitializerRuns> runs = input.initializers();
        InitExperimentInput.EpochSpread lastEpoch = last(runs.get(0));
        RunHeader.page(out, "experiment init", "Initialisation experiment", input,
                Markup.count(runs.size(), "initialiser", "initialisers") + " × "
                + Markup.count(lastEpoch.testAccuracy().n(), "seed", "seeds") + " · "
                + Markup.count(lastEpoch.epoch(), "epoch", "epochs"), toolVersion,
                findings(input), curves(input), verdicts(input), finalLayers(input), everyEpoch(input));
    }

    private static InitExperimentInput.EpochSpread last(InitExperimentInput.InitializerRuns runs) {
        return runs.epochs().get(runs.epochs().size() - 1);
    }

    private static String plusMinus(InitExperimentInput.Spread s) {
        return HumanNumbers.format(s.mean()) + " ± " + HumanNumbers.format(s.standardDeviation());
    }

    private static String findings(InitExperimentInput input) {
        StringBuilder out = new StringBuilder("<section id=\"summary\"><h2>Findings</h2><ul>");
        for (InitExperimentInput.InitializerRuns runs : input.initializers()) {
            InitExperimentInput.EpochSpread last = last(runs);
            out.append("<li>").append(HtmlEscape.text(runs.label() + ": final test accuracy "
                    + plusMinus(last.testAccuracy()) + ", test loss " + plusMinus(last.testLoss()) + " (mean ± sd over "
                    + Markup.count(last.testAccuracy().n(), "seed", "seeds") + ").")).append("</li>");
        }
        for (InitExperimentInput.Verdict v : input.verdicts()) {
            out.append("<li>").append(HtmlEscape.text(v.first() + " against " + v.second() + ": "
                    + v.verdict() + ".")).append("</li>");
        }
        return out.append("</ul></section>\n").toString();
    }

    private static String curves(InitExperimentInput input) {
        List<String> labels = input.initializers().stream().map(InitExperimentInput.InitializerRuns::label).toList();
        boolean seeds = input.initializers().stream().anyMatch(r -> !r.seedAccuracy().isEmpty());
        List<String> figures = new ArrayList<>(List.of(
                RunHeader.figure(curve(input, "test accuracy", ACCURACY, ACCURACY_SEEDS, 0),
                        "Test accuracy after each epoch."),
                RunHeader.figure(curve(input, "test loss (nats)", LOSS, LOSS_SEEDS, 0),
                        "Cross-entropy on the test set after each epoch.")));
        if (input.initializers().get(0).epochs().size() > 2) {
            figures.add(RunHeader.figure(curve(input, "test accuracy", ACCURACY, ACCURACY_SEEDS, 1),
                    "Test accuracy from epoch 1 on, where the untrained network no longer sets the scale."));
            figures.add(RunHeader.figure(curve(input, "test loss (nats)", LOSS, LOSS_SEEDS, 1),
                    "Test loss from epoch 1 on."));
        }
        return RunHeader.section("curves", "Learning curves", "Per initialiser: the mean over seeds (line), mean ± "
                + "sd (band)" + (seeds ? " and each seed (faint)" : "") + ". Epoch 0 is the network at "
                + "initialisation.", RunHeader.legend(labels) + RunHeader.figures("wide", figures));
    }

    /** One metric against the epoch, from the epoch record at {@code from} on. */
    private static String curve(InitExperimentInput input, String label,
                                Function<InitExperimentInput.EpochSpread, InitExperimentInput.Spread> metric,
                                Function<InitExperimentInput.InitializerRuns, List<double[]>> seeds, int from) {
        SvgPlot plot = EpochPlots.plot(WIDTH, HEIGHT, label).withoutLegend();
        List<InitExperimentInput.InitializerRuns> all = input.initializers();
        for (int i = 0; i < all.size(); i++) {
            List<InitExperimentInput.EpochSpread> epochs = all.get(i).epochs();
            double[] x = epochs.subList(from, epochs.size()).stream()
                    .mapToDouble(InitExperimentInput.EpochSpread::epoch).toArray();
            for (double[] seed : seeds.apply(all.get(i))) {
                plot.line("", x, Arrays.copyOfRange(seed, from, seed.length), LinePalette.faint(i));
            }
        }
        for (int i = 0; i < all.size(); i++) {
            List<InitExperimentInput.EpochSpread> every = all.get(i).epochs();
            List<InitExperimentInput.EpochSpread> epochs = every.subList(from, every.size());
            double[] x = epochs.stream().mapToDouble(InitExperimentInput.EpochSpread::epoch).toArray();
            double[] mean = new double[x.length];
            double[] lower = new double[x.length];
            double[] upper = new double[x.length];
            for (int e = 0; e < x.length; e++) {
                InitExperimentInput.Spread s = metric.apply(epochs.get(e));
                mean[e] = s.mean();
                lower[e] = s.mean() - s.standardDeviation();
                upper[e] = s.mean() + s.standardDeviation();
            }
            plot.band("", x, lower, upper, LinePalette.solid(i));
            EpochPlots.line(plot, all.get(i).label(), x, mean, LinePalette.solid(i));
        }
        return plot.toSvg(label + " against epoch" + (from > 0 ? " from epoch " + epochsLabel(input, from) : "")
                + ", mean ± sd over seeds per initialiser");
    }

    private static int epochsLabel(InitExperimentInput input, int from) {
        return input.initializers().get(0).epochs().get(from).epoch();
    }

    private static String verdicts(InitExperimentInput input) {
        HtmlTable table = new HtmlTable("verdicts", "compact", List.of(
                new HtmlTable.Column("pair", "pair", "", false),
                new HtmlTable.Column("difference", "Δ mean accuracy", "final mean test accuracy of the first minus "
                        + "that of the second", true),
                new HtmlTable.Column("threshold", "threshold", "what |Δ| must exceed to count as a difference", true),
                new HtmlTable.Column("verdict", "verdict", "", false)), false);
        for (InitExperimentInput.Verdict v : input.verdicts()) {
            table.row("", List.of(HtmlTable.Cell.text(v.first() + " vs " + v.second()),
                    HtmlTable.Cell.number(v.difference()), HtmlTable.Cell.number(v.threshold()),
                    HtmlTable.Cell.text(v.verdict())));
        }
        return RunHeader.section("verdicts", "Verdicts", "Rule: " + input.rule() + ".", input.verdicts().isEmpty()
                ? "<p>One initialiser: nothing to compare.</p>" : table.toHtml());
    }

    private static String finalLayers(InitExperimentInput input) {
        HtmlTable table = new HtmlTable("final-layers", "compact", List.of(
                new HtmlTable.Column("init", "initialiser", "", false),
                new HtmlTable.Column("layer", "layer", "", false),
                new HtmlTable.Column("sigma", "σ mean", "σ of ln|w| after the last epoch, mean over seeds", true),
                new HtmlTable.Column("sigmaSd", "σ sd", "its standard deviation over seeds", true),
                new HtmlTable.Column("best", "best law", "the law with the lowest AIC in most seeds", false),
                new HtmlTable.Column("votes", "in seeds", "seeds in which it was the best law", true)), false);
        for (InitExperimentInput.InitializerRuns runs : input.initializers()) {
            for (InitExperimentInput.LayerSpread l : runs.finalLayers()) {
                table.row("", List.of(HtmlTable.Cell.text(runs.label()),
                        new HtmlTable.Cell(Markup.breakable(l.name()), l.name()), HtmlTable.Cell.number(l.sigma().mean()),
                        HtmlTable.Cell.number(l.sigma().standardDeviation()), HtmlTable.Cell.text(l.bestFamily()),
                        new HtmlTable.Cell(l.votes() + " of " + l.sigma().n(), Integer.toString(l.votes()))));
            }
        }
        return RunHeader.section("final-layers", "Final layers", "Each layer after the last epoch: σ of ln|w| over "
                + "seeds (Gaussian weights have π/√8 = " + HumanNumbers.format(NullModels.GAUSSIAN_SIGMA)
                + ") and the best law by AIC in most seeds.", table.toHtml());
    }

    private static String everyEpoch(InitExperimentInput input) {
        HtmlTable table = new HtmlTable("every-epoch", "compact", List.of(
                new HtmlTable.Column("init", "initialiser", "", false),
                new HtmlTable.Column("epoch", "epoch", "", true),
                new HtmlTable.Column("accuracy", "accuracy mean", "test accuracy, mean over seeds", true),
                new HtmlTable.Column("accuracySd", "accuracy sd", "", true),
                new HtmlTable.Column("loss", "loss mean", "test loss, mean over seeds", true),
                new HtmlTable.Column("lossSd", "loss sd", "", true)), false);
        for (InitExperimentInput.InitializerRuns runs : input.initializers()) {
            for (InitExperimentInput.EpochSpread e : runs.epochs()) {
                table.row("", List.of(HtmlTable.Cell.text(runs.label()), HtmlTable.Cell.count(e.epoch()),
                        HtmlTable.Cell.number(e.testAccuracy().mean()),
                        HtmlTable.Cell.number(e.testAccuracy().standardDeviation()),
                        HtmlTable.Cell.number(e.testLoss().mean()),
                        HtmlTable.Cell.number(e.testLoss().standardDeviation())));
            }
        }
        return "<section id=\"numbers\"><details class=\"conventions\"><summary>Every epoch: all the numbers"
                + "</summary>" + table.toHtml() + "</details></section>\n";
    }
}
