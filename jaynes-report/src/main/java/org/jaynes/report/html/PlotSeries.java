package org.jaynes.report.html;

import java.util.List;

/**
 * One thing drawn in a plot. Non-finite values are skipped: a line breaks there, a point is left out.
 *
 * @param kind     how it is drawn
 * @param label    the legend entry; empty for none
 * @param xs       x of each point; for a histogram, the K + 1 bin edges
 * @param ys       y of each point; for a histogram, the K bar heights
 * @param style    colour, marker, dashes
 * @param tooltips for points, the text shown on hover per point (empty list for none)
 */
public record PlotSeries(Kind kind, String label, double[] xs, double[] ys, PlotStyle style, List<String> tooltips) {

    /** How a series is drawn. */
    public enum Kind {
        /** Bars between consecutive edges, filled, drawn first. */
        HISTOGRAM,
        /** A polyline through the points. */
        LINE,
        /** A marker at each point. */
        POINTS
    }

    public PlotSeries {
        xs = xs.clone();
        ys = ys.clone();
        tooltips = List.copyOf(tooltips);
        int expected = kind == Kind.HISTOGRAM ? ys.length + 1 : ys.length;
        if (xs.length != expected) {
            throw new IllegalArgumentException(kind + " needs " + expected + " x values, not " + xs.length);
        }
        if (!tooltips.isEmpty() && tooltips.size() != ys.length) {
            throw new IllegalArgumentException("one tooltip per point: " + ys.length + ", not " + tooltips.size());
        }
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
