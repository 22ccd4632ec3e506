package org.jaynes.report.html;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jaynes.core.fit.Family;
import org.jaynes.core.stats.StandardNormal;
import org.jaynes.core.theory.MagnitudeBins;

/**
 * The plots of a neuron-game page ({@link NeuronGamePage}):
 * <ul>
 * <li>energy traces: E(s) against the sweep, one line per run (a legend up to {@link #LEGEND_LIMIT} runs);</li>
 * <li>the capacity curve: recall rate against P/N, one line per N, the ½ line and the N → ∞ limit;</li>
 * <li>the learning curve: reconstruction error and pseudo-log-likelihood per unit against the epoch;</li>
 * <li>the weight microstructure: the density of ln|w| with the fitted lognormal and its rival, as in a
 * layer of {@code jaynes analyze} ({@link LayerPlots#histogram}).</li>
 * </ul>
 */
final class NeuronGamePlots {

    static final int WIDTH = 620;
    static final int HEIGHT = 330;
    /** More runs than this are drawn without a legend. */
    static final int LEGEND_LIMIT = 10;
    private static final int CURVE_POINTS = 241;
    private static final String REFERENCE = "#555555";

    private NeuronGamePlots() {
    }

    static PlotStyle colour(int i) {
        return LinePalette.solid(i);
    }

    static String traces(List<NeuronGameInput.Trace> traces) {
        SvgPlot plot = new SvgPlot(WIDTH, HEIGHT, "sweep", "energy E(s) = −Φ(s)").integerX();
        if (traces.size() > LEGEND_LIMIT) {
            plot.withoutLegend();
        }
        for (int i = 0; i < traces.size(); i++) {
            double[] energy = traces.get(i).energy();
            double[] sweeps = new double[energy.length];
            Arrays.setAll(sweeps, s -> s);
            plot.line(traces.get(i).label(), sweeps, energy, colour(i));
        }
        return plot.toSvg("energy against sweep, " + Markup.count(traces.size(), "run", "runs"));
    }

    static String capacity(NeuronGameInput.Capacity capacity) {
        SvgPlot plot = new SvgPlot(WIDTH, HEIGHT, "load P/N", "recall rate").yFromZero();
        List<NeuronGameInput.Curve> curves = capacity.curves();
        for (int i = 0; i < curves.size(); i++) {
            NeuronGameInput.Curve c = curves.get(i);
            plot.line(c.label(), c.load(), c.recallRate(), colour(i));
            plot.points("", c.load(), c.recallRate(), PlotStyle.points(LinePalette.colour(i), Marker.CIRCLE),
                    List.of());
        }
        if (Double.isFinite(capacity.limit())) {
            plot.line("N → ∞ limit " + HumanNumbers.format(capacity.limit()), new double[] {capacity.limit(),
                capacity.limit()}, new double[] {0, 1}, PlotStyle.dashed(REFERENCE));
        }
        plot.horizontal(0.5, "recall ½", PlotStyle.dashed("#999999"));
        return plot.toSvg("recall rate against load, one line per network size");
    }

    static String learning(double[] values, String label) {
        double[] epochs = new double[values.length];
        Arrays.setAll(epochs, e -> e);
        return new SvgPlot(WIDTH, HEIGHT, "epoch", label).integerX().withoutLegend()
                .line(label, epochs, values, colour(0))
                .points("", epochs, values, PlotStyle.points(LinePalette.colour(0), Marker.CIRCLE), List.of())
                .toSvg(label + " against epoch");
    }

    /** The density of ln|w| with the lognormal N(μ, σ) of ln|w| and the rival law. */
    static String weights(NeuronGameInput.Weights weights) {
        MagnitudeBins bins = weights.histogram();
        SvgPlot plot = new SvgPlot(WIDTH, HEIGHT, "ln|w|", "density of ln|w|").yFromZero();
        if (bins.size() == 0 || bins.total() == 0) {
            return plot.toSvg("no histogram: no non-zero weights");
        }
        LayerPlots.Shown shown = LayerPlots.Shown.of(bins);
        double[] edges = Arrays.copyOfRange(bins.lnEdges(), shown.first(), shown.last() + 2);
        double[] density = Arrays.copyOfRange(shown.density(), shown.first(), shown.last() + 1);
        plot.histogram("ln|w|, " + bins.size() + " bins", edges, density, PlotStyle.solid("#b9c7d6"));
        double[] ys = new double[CURVE_POINTS];
        double from = edges[0];
        double to = edges[edges.length - 1];
        Arrays.setAll(ys, i -> from + (to - from) * i / (CURVE_POINTS - 1));
        double mu = weights.stats().mu();
        double sigma = weights.stats().sigma();
        double[] normal = Arrays.stream(ys).map(y -> StandardNormal.density((y - mu) / sigma) / sigma).toArray();
        plot.line("lognormal (μ " + HumanNumbers.format(mu) + ", σ " + HumanNumbers.format(sigma) + ")", ys, normal,
                PlotStyle.solid("#1f4e9c"));
        Optional<Family> rival = BestLaw.rival(weights.fits());
        if (rival.isPresent()) {
            double[] values = Arrays.stream(ys)
                    .map(y -> BestLaw.lnDensity(weights.fits().fit(rival.get()).law(), y)).toArray();
            boolean best = weights.fits().best().equals(rival);
            plot.line(rival.get().displayName() + (best ? " (best by AIC)" : " (runner-up)"), ys, values,
                    PlotStyle.dashed("#d6541a"));
        }
        return plot.toSvg("histogram of ln|w| of " + weights.name() + " with fitted densities");
    }
}
