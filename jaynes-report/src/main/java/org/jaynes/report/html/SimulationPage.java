package org.jaynes.report.html;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run of the connection game as one self-contained HTML5 page:
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(Path.of("simulate.html"))) {
 *     SimulationPage.write(input, "0.1.0", out);
 * }
 * }</pre>
 *
 * <p>The page holds the run's facts (game, grid, dynamics, start, seed, why it stopped), the potential φ
 * and log₁₀ of the arbitrage gap against time in sweeps, and snapshots of the distribution over the bins
 * against ln w with the equilibrium x* drawn over each. The page takes plain numbers, so this module needs
 * nothing of the dynamics. Like {@link HtmlReportWriter}: everything inline, nothing fetched, no script,
 * well-formed XML, the same bytes for the same input on any machine. Thread-safe.
 */
public final class SimulationPage {

    private static final int WIDE = 620;
    private static final int NARROW = 360;
    private static final int HEIGHT = 300;
    /** Above this many bins the shares are drawn as a line, not as bars. */
    private static final int MAX_BARS = 400;
    private static final String TRACE = "#1f4e9c";
    private static final String SHARE = "#9ab6dd";
    private static final String PREDICTED = "#d62728";
    private static final String REFERENCE = "#555555";
    private static final String EXTRA_STYLE = """
            dl.run { margin: 8px 0; font-size: 12.5px; }
            dl.run div { display: grid; grid-template-columns: 84px 1fr; gap: 10px; padding: 1px 0; }
            .figures.snapshots { grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); }
            dl.run dt { font-family: "DejaVu Sans Mono", monospace; font-weight: normal; color: var(--muted); }
            """;

    /** One line of the page's header, e.g. ("seed", "1"). */
    public record Fact(String label, String text) {
    }

    /**
     * The distribution at one moment.
     *
     * @param label     e.g. "start (sweep 0)"
     * @param lnStrength ln w_k of each bin, ascending
     * @param share     ξ_k, the share of the agents in each bin
     * @param predicted x*_k, the equilibrium share of each bin
     */
    public record Distribution(String label, double[] lnStrength, double[] share, double[] predicted) {

        public Distribution {
            if (lnStrength.length < 2 || share.length != lnStrength.length || predicted.length != lnStrength.length) {
                throw new IllegalArgumentException("expected at least 2 bins and one share and one x* per bin, not "
                        + lnStrength.length + " bins, " + share.length + " shares and " + predicted.length + " x*");
            }
            lnStrength = lnStrength.clone();
            share = share.clone();
            predicted = predicted.clone();
        }

        @Override
        public double[] lnStrength() {
            return lnStrength.clone();
        }

        @Override
        public double[] share() {
            return share.clone();
        }

        @Override
        public double[] predicted() {
            return predicted.clone();
        }
    }

    /**
     * What the page shows.
     *
     * @param title                the page's heading
     * @param facts                the header's lines, in order
     * @param time                 sweeps of each monitored moment
     * @param potential            φ per agent at each moment
     * @param arbitrageGap         the arbitrage gap at each moment (nats; zeros are left out of its log plot)
     * @param equilibriumPotential φ* drawn as a reference line over the potential; NaN for none
     * @param distributions        the snapshots, in time order
     */
    public record Input(String title, List<Fact> facts, double[] time, double[] potential, double[] arbitrageGap,
                        double equilibriumPotential, List<Distribution> distributions) {

        public Input {
            facts = List.copyOf(facts);
            distributions = List.copyOf(distributions);
            if (potential.length != time.length || arbitrageGap.length != time.length) {
                throw new IllegalArgumentException("expected one potential and one gap per time, not " + time.length
                        + " times, " + potential.length + " potentials and " + arbitrageGap.length + " gaps");
            }
            time = time.clone();
            potential = potential.clone();
            arbitrageGap = arbitrageGap.clone();
        }

        @Override
        public double[] time() {
            return time.clone();
        }

        @Override
        public double[] potential() {
            return potential.clone();
        }

        @Override
        public double[] arbitrageGap() {
            return arbitrageGap.clone();
        }
    }

    private SimulationPage() {
    }

    /** Writes the page to {@code out}, UTF-8 as declared by the page; does not close it. */
    public static void write(Input input, String toolVersion, Writer out) throws IOException {
        out.write(PageFrame.head(input.title() + " · jaynes simulate", EXTRA_STYLE, toolVersion));
        out.write(header(input, toolVersion));
        out.write('\n');
        out.write(traces(input));
        out.write('\n');
        out.write(distributions(input));
        out.write(PageFrame.foot(toolVersion, ""));
    }

    private static String header(Input input, String toolVersion) {
        StringBuilder out = Markup.header("Connection game dynamics", input.title(), toolVersion);
        out.append("<dl class=\"run\">");
        Markup.definitions(out, input.facts().stream().map(f -> Map.entry(f.label(), f.text())).toList());
        out.append("</dl>");
        return out.append("</header>").toString();
    }

    private static String traces(Input input) {
        double[] time = input.time();
        double[] logGap = input.arbitrageGap();
        for (int i = 0; i < logGap.length; i++) {
            logGap[i] = logGap[i] > 0 ? Math.log10(logGap[i]) : Double.NaN;
        }
        StringBuilder out = new StringBuilder("<section id=\"time\"><h2>Against time</h2><div class=\"figures wide\">");
        SvgPlot potential = new SvgPlot(WIDE, HEIGHT, "time (sweeps)", "potential φ per agent")
                .line("φ", time, input.potential(), PlotStyle.solid(TRACE));
        if (Double.isFinite(input.equilibriumPotential())) {
            potential.horizontal(input.equilibriumPotential(), String.format(Locale.ROOT, "φ* = %.6g",
                    input.equilibriumPotential()), PlotStyle.dashed(REFERENCE));
        }
        Markup.figure(out, potential.toSvg("potential against time"), "The potential φ per agent against time. "
                + "Better and best response raise it with every move; it levels off at the arbitrage equilibrium. "
                + "Dashed: φ* = max of the large-M potential Σ x u + H(x); the exact finite-M potential of agent "
                + "dynamics levels off a little below it, since ln(M!/Π M_k!)/M falls short of the entropy H.");
        Markup.figure(out, new SvgPlot(WIDE, HEIGHT, "time (sweeps)", "log₁₀ arbitrage gap KL(x ‖ x*)")
                .line("log₁₀ gap", time, logGap, PlotStyle.solid(TRACE)).withoutLegend()
                .toSvg("log10 of the arbitrage gap against time"),
                "The arbitrage gap φ* − φ = KL(x ‖ x*) in nats, on a log₁₀ scale (a gap of exactly 0 is left out): "
                + "zero only at equilibrium.");
        return out.append("</div></section>").toString();
    }

    private static String distributions(Input input) {
        StringBuilder out = new StringBuilder("<section id=\"distribution\"><h2>The distribution</h2>"
                + "<p class=\"hint\">The share of the agents in each bin against ln w (bars), and the equilibrium x* "
                + "the game predicts, a discretised lognormal (red).</p><div class=\"figures snapshots\">");
        for (Distribution d : input.distributions()) {
            double[] ln = d.lnStrength();
            SvgPlot plot = new SvgPlot(NARROW, HEIGHT, "ln w", "share of the agents per bin").yFromZero();
            if (ln.length <= MAX_BARS) {
                plot.histogram("agents", edges(ln), d.share(), PlotStyle.solid(SHARE));
            } else {
                plot.line("agents", ln, d.share(), PlotStyle.solid(SHARE));
            }
            plot.line("x*", ln, d.predicted(), PlotStyle.solid(PREDICTED));
            Markup.figure(out, plot.toSvg("distribution at " + d.label()), Markup.capitalised(d.label()) + ".");
        }
        return out.append("</div></section>").toString();
    }

    /** The K + 1 bar edges: midpoints between neighbours, the outer bars as wide as their neighbours. */
    static double[] edges(double[] centres) {
        int k = centres.length;
        double[] edges = new double[k + 1];
        for (int i = 1; i < k; i++) {
            edges[i] = (centres[i - 1] + centres[i]) / 2;
        }
        edges[0] = 1.5 * centres[0] - 0.5 * centres[1];
        edges[k] = 1.5 * centres[k - 1] - 0.5 * centres[k - 2];
        return edges;
    }
}
