package org.jaynes.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing drawn in a plot. Non-finite values are skipped: a line breaks there, a point is left out.
 *
 * @param kind     how it is drawn
 * @param label    the legend entry; empty for none
 * @param xs       x of each point; for a histogram, the K + 1 bin edges
 * @param ys       y of each point; for a histogram, the K bar heights; for a band, the n lower values then the
 *                 n upper values
 * @param style    colour, marker, dashes
 * @param tooltips for points, the text shown on hover per point (empty list for none)
 */
public record PlotSeries(Kind kind, String label, double[] xs, double[] ys, PlotStyle style, List<String> tooltips) {

    /** How a series is drawn. */
    public enum Kind {
        /** Bars between consecutive edges, filled, drawn first. */
        HISTOGRAM,
        /** The area between a lower and an upper line, filled translucent, drawn over bars, under lines. */
        BAND,
        /** A polyline through the points. */
        LINE,
        /** A marker at each point. */
        POINTS
    }

    public PlotSeries {
        xs = xs.clone();
        ys = ys.clone();
        tooltips = List.copyOf(tooltips);
        int expected = switch (kind) {
            case HISTOGRAM -> ys.length + 1;
            case BAND -> ys.length / 2;
            case LINE, POINTS -> ys.length;
        };
        if (xs.length != expected || kind == Kind.BAND && ys.length % 2 != 0) {
            throw new IllegalArgumentException(kind + " needs " + expected + " x values, not " + xs.length);
        }
        if (!tooltips.isEmpty() && tooltips.size() != ys.length) {
            throw new IllegalArgumentException("one tooltip per point: " + ys.length + ", not " + tooltips.size());
        }
    }

    /** Points {@code from} (inclusive) to {@code to} (exclusive) of a band, drawn as one closed area. */
    record Run(int from, int to) {
    }

    /** A band's maximal runs of points whose x, lower and upper values are all finite; empty for other kinds. */
    List<Run> bandRuns() {
        List<Run> runs = new ArrayList<>();
        int n = xs.length;
        for (int from = 0; kind == Kind.BAND && from < n; from++) {
            int to = from;
            while (to < n && Double.isFinite(xs[to]) && Double.isFinite(ys[to]) && Double.isFinite(ys[n + to])) {
                to++;
            }
            if (to > from) {
                runs.add(new Run(from, to));
            }
            from = to;
        }
        return runs;
    }

    @Override
    public double[] xs() {
        return xs.clone();
    }

    @Override
    public double[] ys() {
        return ys.clone();
    }
}
