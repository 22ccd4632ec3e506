package org.jaynes.report.html;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes a run of the neuron game (docs/theory.md §7: Hopfield networks and Boltzmann machines) as one
 * self-contained HTML5 page:
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(Path.of("hopfield.html"))) {
 *     NeuronGamePage.write(input, "0.1.0", out);
 * }
 * }</pre>
 *
 * <p>The page holds, in order and each only when the input has it: the options and the findings; the
 * energy traces; the capacity curve; and for a restricted Boltzmann machine its learning curve, its
 * filters as images ({@link FilterImages}) and the microstructure of its weights. Plots are drawn by
 * {@link NeuronGamePlots}. Like {@link HtmlReportWriter}: everything inline (the filters are PNG
 * {@code data:} URIs), nothing fetched, well-formed XML, numbers formatted with
 * {@link java.util.Locale#ROOT} and no date, so the same input gives the same bytes. Thread-safe.
 */
public final class NeuronGamePage {

    /** Styles this page adds to {@link PageResources#STYLE}; no {@code <} or {@code &}. */
    static final String STYLE = """
            .filters { display: flex; flex-wrap: wrap; gap: 4px; margin: 6px 0; }
            .filters img { image-rendering: pixelated; border: 1px solid var(--rule); }
            .chip { display: inline-block; width: 14px; height: 12px; margin-right: 5px; vertical-align: -2px;
                    border: 1px solid #9aa4ae; }
            """;

    private static final String[] SCALE = {"#2166ac", "#ffffff", "#b2182b"};

    private NeuronGamePage() {
    }

    /** Writes the page of {@code input} to {@code out}, UTF-8 as declared by the page; does not close it. */
    public static void write(NeuronGameInput input, String toolVersion, Writer out) throws IOException {
        out.write(PageFrame.head(input.title() + " · jaynes neuron game", STYLE, toolVersion));
        out.write(header(input, toolVersion));
        out.write('\n');
        if (!input.traces().isEmpty()) {
            out.write(section("traces", "Energy traces", "E(s) = −Φ(s) before the first sweep and after each. "
                    + "Best response (T = 0) never lets Φ fall, so each trace falls or stays until no neuron gains "
                    + "by flipping: a Nash equilibrium of the neuron game, an attractor of the network.",
                    figures(figure(NeuronGamePlots.traces(input.traces()), Markup.count(input.traces().size(), "run",
                            "runs") + (input.traces().size() > NeuronGamePlots.LEGEND_LIMIT
                            ? ", drawn without a legend" : "")))));
        }
        if (input.capacity().isPresent()) {
            out.write(section("capacity", "Capacity", "The share of probes recalled against the load P/N, one "
                    + "line per network size; the dashed vertical line is the N → ∞ capacity.",
                    figures(figure(NeuronGamePlots.capacity(input.capacity().get()), "recall rate against load"))));
        }
        if (input.rbm().isPresent()) {
            out.write(rbm(input.rbm().get()));
        }
        out.write(PageFrame.foot(toolVersion, ", and docs/theory.md §7"));
    }

    private static String header(NeuronGameInput input, String toolVersion) {
        StringBuilder out = Markup.header(input.kicker(), input.title(), toolVersion);
        out.append("<p class=\"meta\">The neuron game: u_i = s_i (Σ_j w_ij s_j + θ_i), potential Φ = −E. "
                + "Best response is the Hopfield update; logit response at temperature T is the Gibbs sampler "
                + "of the Boltzmann machine.</p>");
        out.append("<dl class=\"options\">");
        Markup.definitions(out, input.facts());
        out.append("</dl></header>");
        if (!input.findings().isEmpty()) {
            out.append("\n<section id=\"summary\"><h2>Findings</h2><ul>");
            for (String finding : input.findings()) {
                out.append("<li>").append(HtmlEscape.text(finding)).append("</li>");
            }
            out.append("</ul></section>");
        }
        return out.toString();
    }

    private static String section(String id, String heading, String hint, String body) {
        return "<section id=\"" + id + "\"><h2>" + HtmlEscape.text(heading) + "</h2><p class=\"hint\">"
                + HtmlEscape.text(hint) + "</p>" + body + "</section>\n";
    }

    private static String figure(String svg, String caption) {
        StringBuilder out = new StringBuilder();
        Markup.figure(out, svg, caption);
        return out.toString();
    }

    /** Figures in the page's grid, two to a row on a wide screen. */
    private static String figures(String... figures) {
        return "<div class=\"figures wide\">" + String.join("", figures) + "</div>";
    }

    private static String rbm(NeuronGameInput.Rbm rbm) {
        StringBuilder out = new StringBuilder();
        out.append(section("learning", "Learning curve", "Measured on the evaluation samples after each epoch; "
                + "epoch 0 is the untrained machine.", figures(
                figure(NeuronGamePlots.learning(rbm.reconstructionError(), "reconstruction error"),
                        "mean squared difference between v and P(v = 1 | h = P(h | v))"),
                figure(NeuronGamePlots.learning(rbm.pseudoLikelihood(), "pseudo-log-likelihood per unit"),
                        "mean of ln P(v_i | v_−i) over units and samples, nats"))));
        if (rbm.filters().isPresent()) {
            NeuronGameInput.Filters filters = rbm.filters().get();
            out.append(section("filters", "Filters", "The weights W[·, j] of each hidden unit j to the pixels, as a "
                    + filters.width() + " × " + filters.height() + " image, each scaled to its own max |w|: "
                    + "blue negative, white 0, red positive. " + Markup.count(filters.images().size(), "unit",
                    "units") + " shown.", FilterImages.of(filters) + scale()));
        }
        NeuronGameInput.Weights weights = rbm.weights();
        StringBuilder facts = new StringBuilder("<dl class=\"options\">");
        Markup.definitions(facts, List.of(
                Map.entry("weights", HumanNumbers.count(weights.stats().fitted()) + " non-zero of "
                        + HumanNumbers.count(weights.stats().n())),
                Map.entry("μ of ln|w|", HumanNumbers.format(weights.stats().mu())),
                Map.entry("σ of ln|w|", HumanNumbers.format(weights.stats().sigma())),
                Map.entry("KS from lognormal", HumanNumbers.format(weights.stats().ks()))));
        facts.append("</dl><p class=\"verdict\">").append(HtmlEscape.text(Markup.capitalised(
                weights.fits().verdict()))).append(".</p>");
        out.append(section("microstructure", "Weight microstructure", "The Jaynes machine predicts lognormal "
                + "weight magnitudes at arbitrage equilibrium; here is ln|w| of " + weights.name()
                + ", as 'jaynes analyze' would show it for one layer.", facts + figures(figure(
                NeuronGamePlots.weights(weights), "density of ln|w| with the fitted lognormal and its rival"))));
        return out.toString();
    }

    /** The colour scale of the filters: three swatches with their meaning. */
    private static String scale() {
        String[] labels = {"−max |w|", "0", "+max |w|"};
        StringBuilder out = new StringBuilder("<ul class=\"legend\">");
        for (int i = 0; i < SCALE.length; i++) {
            out.append("<li><span class=\"chip\" style=\"background: ").append(SCALE[i]).append("\"></span>")
                    .append(HtmlEscape.text(labels[i])).append("</li>");
        }
        return out.append("</ul>").toString();
    }
}
