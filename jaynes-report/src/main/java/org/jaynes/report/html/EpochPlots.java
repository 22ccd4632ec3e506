package org.jaynes.report.html;

import java.util.List;

/**
 * Plots against the training epoch, shared by the training and experiment pages: whole-number epochs on x,
 * lines with a marker at each epoch while there are few enough epochs for markers to stay apart.
 */
final class EpochPlots {

    /** Above this many points a line is drawn without markers. */
    static final int MAX_MARKED = 30;

    private EpochPlots() {
    }

    /** An empty plot with the epoch on x. */
    static SvgPlot plot(int width, int height, String yLabel) {
        return new SvgPlot(width, height, "epoch", yLabel).integerX();
    }

    /** A line through (epoch, value), with markers when there are at most {@link #MAX_MARKED} points. */
    static void line(SvgPlot plot, String label, double[] epochs, double[] values, PlotStyle style) {
        plot.line(label, epochs, values, style);
        if (epochs.length <= MAX_MARKED) {
            plot.points("", epochs, values, PlotStyle.points(style.colour(), Marker.CIRCLE), List.of());
        }
    }
}
