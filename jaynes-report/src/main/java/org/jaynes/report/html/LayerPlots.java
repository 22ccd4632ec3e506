package org.jaynes.report.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.fit.Family;
import org.jaynes.core.fit.Fit;
import org.jaynes.core.fit.FittedLaw;
import org.jaynes.core.stats.Quantiles;
import org.jaynes.core.stats.StandardNormal;
import org.jaynes.core.theory.MagnitudeBins;

/**
 * The three plots of one layer:
 * <ul>
 * <li>the density histogram of ln|w| (count / (total · bin width) per bin) with the fitted lognormal (the
 * normal density of ln|w| with μ, σ) and the lognormal's rival ({@link BestLaw#rival}) drawn as
 * densities of ln|w|;</li>
 * <li>the normal Q–Q plot of ln|w|: the quantiles of ln|w| at the plotting positions (i + 0.5)/Q against
 * the standard normal quantiles Φ⁻¹ of the same positions, with the line μ + σz of the fit;</li>
 * <li>the effective utility h_k of each occupied bin against the bin's ln w, with its count-weighted
 * mean h̄: at arbitrage equilibrium every h_k equals h̄.</li>
 * </ul>
 */
final class LayerPlots {

    /** The smallest density, relative to the peak, that a shown bin at the edge of the histogram has. */
    static final double VISIBLE = 1e-3;
    static final int WIDTH = 420;
    static final int HEIGHT = 290;
    private static final int CURVE_POINTS = 241;
    private static final String HISTOGRAM = "#b9c7d6";
    private static final String LOGNORMAL = "#1f4e9c";
    private static final String RIVAL = "#d6541a";
    private static final String POINTS = "#333333";

    private LayerPlots() {
    }

    /**
     * The bins a histogram shows: from the first to the last whose density is at least
     * {@link #VISIBLE} of the peak. Tails thinner than that are invisible at a linear scale, and in
     * ln|w| the left tail can be long (ln|w| of Gaussian weights reaches far below its bulk), which would
     * squeeze the bulk into a corner of the plot.
     *
     * @param density count / (total · width) per bin, NaN for bins of zero width
     * @param first   first bin shown
     * @param last    last bin shown
     * @param outside values in the bins not shown
     */
    record Shown(double[] density, int first, int last, long outside) {

        static Shown of(MagnitudeBins bins) {
            double[] edges = bins.lnEdges();
            long[] counts = bins.counts();
            double[] density = new double[counts.length];
            double peak = 0;
            for (int k = 0; k < counts.length; k++) {
                double width = edges[k + 1] - edges[k];
                density[k] = bins.total() > 0 && width > 0 ? counts[k] / (bins.total() * width) : Double.NaN;
                if (density[k] > peak) {
                    peak = density[k];
                }
            }
            int first = 0;
            int last = counts.length - 1;
            if (!(peak > 0)) {
                return new Shown(density, first, last, 0);
            }
            while (first < last && !(density[first] >= peak * VISIBLE)) {
                first++;
            }
            while (last > first && !(density[last] >= peak * VISIBLE)) {
                last--;
            }
            long outside = 0;
            for (int k = 0; k < counts.length; k++) {
                if (k < first || k > last) {
                    outside += counts[k];
                }
            }
            return new Shown(density, first, last, outside);
        }
    }

    static String histogram(LayerResult layer) {
        String description = layer.histogram().size() == 0 ? "no histogram: no non-zero values"
                : "histogram of ln|w| of " + layer.tensor().name() + " with fitted densities";
        return histogramPlot(layer).toSvg(description);
    }

    /** The histogram plot, described but not drawn: for {@link #histogram} and other renderers. */
    static SvgPlot histogramPlot(LayerResult layer) {
        MagnitudeBins bins = layer.histogram();
        if (bins.size() == 0) {
            return new SvgPlot(WIDTH, HEIGHT, "ln|w|", "density of ln|w|");
        }
        Shown shown = Shown.of(bins);
        double[] edges = Arrays.copyOfRange(bins.lnEdges(), shown.first(), shown.last() + 2);
        double[] density = Arrays.copyOfRange(shown.density(), shown.first(), shown.last() + 1);
        SvgPlot plot = new SvgPlot(WIDTH, HEIGHT, "ln|w|", "density of ln|w|").yFromZero()
                .histogram("ln|w|, " + bins.size() + " bins", edges, density, PlotStyle.solid(HISTOGRAM));
        double[] ys = grid(edges[0], edges[edges.length - 1]);
        double mu = layer.stats().mu();
        double sigma = layer.stats().sigma();
        double[] normal = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            double z = (ys[i] - mu) / sigma;
            normal[i] = StandardNormal.density(z) / sigma;
        }
        plot.line("lognormal (μ " + HumanNumbers.format(mu) + ", σ " + HumanNumbers.format(sigma) + ")", ys, normal,
                PlotStyle.solid(LOGNORMAL));
        Optional<Family> rival = BestLaw.rival(layer.fits());
        if (rival.isPresent()) {
            Fit fit = layer.fits().fit(rival.get());
            FittedLaw law = fit.law();
            double[] values = new double[ys.length];
            for (int i = 0; i < ys.length; i++) {
                values[i] = BestLaw.lnDensity(law, ys[i]);
            }
            boolean best = layer.fits().best().equals(rival);
            plot.line(rival.get().displayName() + (best ? " (best by AIC)" : " (runner-up)"), ys, values,
                    PlotStyle.dashed(RIVAL));
        }
        return plot;
    }

    static String quantiles(LayerResult layer) {
        return quantilesPlot(layer).toSvg("normal Q–Q plot of ln|w| of " + layer.tensor().name());
    }

    /** The Q–Q plot, described but not drawn. */
    static SvgPlot quantilesPlot(LayerResult layer) {
        double[] lnQuantiles = layer.lnQuantiles();
        double[] positions = Quantiles.plottingPositions(lnQuantiles.length);
        double[] z = new double[positions.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = normalQuantile(positions[i]);
        }
        double mu = layer.stats().mu();
        double sigma = layer.stats().sigma();
        double[] ends = z.length == 0 ? new double[0] : new double[] {z[0], z[z.length - 1]};
        double[] line = Arrays.stream(ends).map(e -> mu + sigma * e).toArray();
        return new SvgPlot(WIDTH, HEIGHT, "standard normal quantile", "quantile of ln|w|")
                .line("μ + σz (lognormal fit)", ends, line, PlotStyle.solid(LOGNORMAL))
                .points("ln|w| at " + z.length + " plotting positions", z, lnQuantiles,
                        PlotStyle.hollowPoints(POINTS, Marker.CIRCLE), List.of());
    }

    static String utilities(LayerResult layer) {
        return utilitiesPlot(layer).toSvg("effective utility by bin of " + layer.tensor().name());
    }

    /** The effective-utility plot, described but not drawn. */
    static SvgPlot utilitiesPlot(LayerResult layer) {
        MagnitudeBins bins = layer.histogram();
        double[] h = layer.game().utilities();
        double[] x = new double[h.length];
        List<String> tips = new ArrayList<>(h.length);
        double mean = 0;
        for (int k = 0; k < h.length; k++) {
            x[k] = bins.lnCentre(k);
            tips.add("bin " + (k + 1) + ": ln w " + HumanNumbers.format(x[k]) + ", M " + bins.counts()[k] + ", h "
                    + HumanNumbers.format(h[k]));
            if (bins.counts()[k] > 0) {
                mean += bins.share(k) * h[k];
            }
        }
        if (bins.total() == 0) {
            mean = Double.NaN;
        }
        return new SvgPlot(WIDTH, HEIGHT, "ln w (bin centre)", "effective utility hₖ")
                .points("hₖ of occupied bins", x, h, PlotStyle.points("#2a7f62", Marker.CIRCLE), tips)
                .horizontal(mean, "h̄ " + HumanNumbers.format(mean) + " (equilibrium: all equal)",
                        PlotStyle.dashed(POINTS));
    }

    /** Evenly spaced points covering [from, to]. */
    private static double[] grid(double from, double to) {
        double[] ys = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            ys[i] = from + (to - from) * i / (CURVE_POINTS - 1);
        }
        return ys;
    }

    /**
     * Φ⁻¹(p) by Newton's method on {@link StandardNormal#cdf}, started at 0: Φ − p is convex below 0 and
     * concave above, so the iterates approach the root monotonically; to 1e-12 in under 15 steps for the
     * plotting positions.
     */
    static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), not " + p);
        }
        double z = 0;
        for (int i = 0; i < 100; i++) {
            double step = (StandardNormal.cdf(z) - p) / StandardNormal.density(z);
            z -= step;
            if (Math.abs(step) < 1e-12) {
                break;
            }
        }
        return z;
    }
}
