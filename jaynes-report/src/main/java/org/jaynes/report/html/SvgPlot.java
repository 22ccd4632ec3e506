package org.jaynes.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A two-dimensional plot as inline SVG: a framed plot area with grid lines at nice ticks
 * ({@link NiceTicks}), tick labels, axis labels, a legend above the plot area, and any number of
 * histograms, bands (the area between two lines, such as mean ± sd), lines, points and labelled
 * horizontal reference lines.
 *
 * <pre>{@code
 * String svg = new SvgPlot(480, 300, "layer (file order)", "σ of ln|w|")
 *         .integerX()
 *         .points("attention-query", xs, ys, PlotStyle.points("#1f77b4", Marker.CIRCLE), tooltips)
 *         .horizontal(Math.PI / Math.sqrt(8), "Gaussian π/√8", PlotStyle.dashed("#555555"))
 *         .toSvg("σ by layer");
 * }</pre>
 *
 * <p>The axes span every finite value of every series and reference line, padded by 4% (not below 0
 * when {@link #yFromZero()} is set and no value is negative); values that differ by less than 10⁻⁵ of
 * their size (rounding, quantisation of the data) are drawn as one value, ±10% around it. Coordinates
 * are rounded to 0.1 pixel.
 * The markup is XML-compatible, uses no ids (many plots share one page) and fetches nothing. Not
 * thread-safe while being built; {@link #toSvg} does not change the plot.
 */
public final class SvgPlot {

    private static final double LEFT = 62;
    private static final double RIGHT = 14;
    private static final double BOTTOM = 42;
    private static final double TOP = 10;
    private static final double LEGEND_ROW = 16;
    private static final double CHAR_WIDTH = 6.3;
    private static final double PAD = 0.04;
    /** A range narrower than this, relative to its values, is drawn as a single value. */
    private static final double FLAT = 1e-5;

    private final int width;
    private final int height;
    private final String xLabel;
    private final String yLabel;
    private final List<PlotSeries> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private boolean integerX;
    private boolean yFromZero;
    private boolean legend = true;

    /** A labelled horizontal line across the plot. */
    record Reference(double y, String label, PlotStyle style) {
    }

    /** The data ranges the axes span, padded as the class comment says. */
    record Ranges(double xMin, double xMax, double yMin, double yMax) {
    }

    /** An empty plot of the given size in pixels with its axis labels. */
    public SvgPlot(int width, int height, String xLabel, String yLabel) {
        if (width < 120 || height < 100) {
            throw new IllegalArgumentException("a plot needs at least 120 × 100 pixels, not " + width + " × " + height);
        }
        this.width = width;
        this.height = height;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Only whole-number ticks on x (layer indices). */
    public SvgPlot integerX() {
        integerX = true;
        return this;
    }

    /** The y axis starts at 0 unless a value is negative. */
    public SvgPlot yFromZero() {
        yFromZero = true;
        return this;
    }

    /** No legend (when the page shows one for several plots); reference lines are then labelled in place. */
    public SvgPlot withoutLegend() {
        legend = false;
        return this;
    }

    public SvgPlot histogram(String label, double[] edges, double[] heights, PlotStyle style) {
        series.add(new PlotSeries(PlotSeries.Kind.HISTOGRAM, label, edges, heights, style, List.of()));
        return this;
    }

    /**
     * The area between {@code lower} and {@code upper} at each x, filled translucent in the style's colour; it
     * breaks where a value is not finite.
     */
    public SvgPlot band(String label, double[] xs, double[] lower, double[] upper, PlotStyle style) {
        if (lower.length != xs.length || upper.length != xs.length) {
            throw new IllegalArgumentException("a band needs one lower and one upper value per x: " + xs.length
                    + " x, " + lower.length + " lower, " + upper.length + " upper");
        }
        double[] ys = new double[2 * xs.length];
        System.arraycopy(lower, 0, ys, 0, lower.length);
        System.arraycopy(upper, 0, ys, xs.length, upper.length);
        series.add(new PlotSeries(PlotSeries.Kind.BAND, label, xs, ys, style, List.of()));
        return this;
    }

    public SvgPlot line(String label, double[] xs, double[] ys, PlotStyle style) {
        series.add(new PlotSeries(PlotSeries.Kind.LINE, label, xs, ys, style, List.of()));
        return this;
    }

    public SvgPlot points(String label, double[] xs, double[] ys, PlotStyle style, List<String> tooltips) {
        series.add(new PlotSeries(PlotSeries.Kind.POINTS, label, xs, ys, style, tooltips));
        return this;
    }

    /** A horizontal line across the plot at y, labelled in the legend or, without one, at its right end. */
    public SvgPlot horizontal(double y, String label, PlotStyle style) {
        references.add(new Reference(y, label, style));
        return this;
    }

    /** The series in the order they were added. */
    List<PlotSeries> series() {
        return List.copyOf(series);
    }

    /** The horizontal reference lines in the order they were added. */
    List<Reference> references() {
        return List.copyOf(references);
    }

    String xLabel() {
        return xLabel;
    }

    String yLabel() {
        return yLabel;
    }

    /** Whether x ticks are whole numbers only. */
    boolean hasIntegerX() {
        return integerX;
    }

    /** The plot as an {@code <svg>} element; {@code description} is its accessible name. */
    public String toSvg(String description) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<svg class=\"plot\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(HtmlEscape.text(description)).append("\">");
        List<String> legendRows = legend ? legendRows() : List.of();
        double top = TOP + LEGEND_ROW * legendRows.size();
        Frame frame = frame(top);
        if (frame == null) {
            out.append("<rect class=\"area\" x=\"").append(Svg.num(LEFT)).append("\" y=\"").append(Svg.num(top))
                    .append("\" width=\"").append(Svg.num(width - LEFT - RIGHT)).append("\" height=\"")
                    .append(Svg.num(height - top - BOTTOM)).append("\"/>")
                    .append(Svg.text((LEFT + width - RIGHT) / 2, (top + height - BOTTOM) / 2,
                            " class=\"none\" text-anchor=\"middle\"", "no finite values to plot"));
        } else {
            axes(out, frame);
            for (PlotSeries.Kind kind : PlotSeries.Kind.values()) {
                for (PlotSeries s : series) {
                    if (s.kind() == kind) {
                        draw(out, frame, s);
                    }
                }
            }
            for (Reference reference : references) {
                reference(out, frame, reference, !legend);
            }
        }
        legendRows.forEach(out::append);
        return out.append("</svg>").toString();
    }

    /** The data ranges mapped onto the plot area; null when there is no finite value. */
    private Frame frame(double top) {
        Ranges r = ranges();
        return r == null ? null
                : new Frame(r.xMin(), r.xMax(), r.yMin(), r.yMax(), LEFT, width - RIGHT, top, height - BOTTOM);
    }

    /** The padded data ranges of the axes; null when there is no finite value. Shared with other renderers. */
    Ranges ranges() {
        double[] x = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] y = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (PlotSeries s : series) {
            double[] xs = s.xs();
            double[] ys = s.ys();
            if (s.kind() == PlotSeries.Kind.BAND) {
                for (int i = 0; i < xs.length; i++) {
                    if (finite(xs[i], ys[i], ys[xs.length + i])) {
                        widen(x, xs[i]);
                        widen(y, ys[i]);
                        widen(y, ys[xs.length + i]);
                    }
                }
                continue;
            }
            for (int i = 0; i < ys.length; i++) {
                if (s.kind() == PlotSeries.Kind.HISTOGRAM) {
                    if (finite(xs[i], xs[i + 1], ys[i])) {
                        widen(x, xs[i]);
                        widen(x, xs[i + 1]);
                        widen(y, ys[i]);
                        widen(y, 0);
                    }
                } else if (finite(xs[i], ys[i], 0)) {
                    widen(x, xs[i]);
                    widen(y, ys[i]);
                }
            }
        }
        if (!(x[0] <= x[1])) {
            return null;
        }
        for (Reference reference : references) {
            if (Double.isFinite(reference.y())) {
                widen(y, reference.y());
            }
        }
        boolean anchored = yFromZero && y[0] >= 0;
        if (anchored) {
            y[0] = 0;
        }
        pad(x, integerX ? 0.5 : 0);
        pad(y, 0);
        if (anchored) {
            y[0] = 0;
        }
        return new Ranges(x[0], x[1], y[0], y[1]);
    }

    private static boolean finite(double a, double b, double c) {
        return Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c);
    }

    private static void widen(double[] range, double v) {
        range[0] = Math.min(range[0], v);
        range[1] = Math.max(range[1], v);
    }

    private static void pad(double[] range, double atLeast) {
        double span = range[1] - range[0];
        if (span <= Math.max(Math.abs(range[0]), Math.abs(range[1])) * FLAT) {
            span = 0; // differences no tick label could show: draw the values as one
        }
        if (span > 0) {
            double pad = Math.max(span * PAD, atLeast);
            range[0] -= pad;
            range[1] += pad;
        } else {
            double centre = (range[0] + range[1]) / 2;
            double pad = Math.max(Math.abs(centre) * 0.1, Math.max(atLeast, 1));
            range[0] = centre - pad;
            range[1] = centre + pad;
        }
    }

    private void axes(StringBuilder out, Frame f) {
        out.append("<rect class=\"area\" x=\"").append(Svg.num(f.left())).append("\" y=\"").append(Svg.num(f.top()))
                .append("\" width=\"").append(Svg.num(f.right() - f.left())).append("\" height=\"")
                .append(Svg.num(f.bottom() - f.top())).append("\"/>");
        NiceTicks xTicks = NiceTicks.of(f.xMin(), f.xMax(), Math.max(2, (int) ((f.right() - f.left()) / 70)), integerX);
        NiceTicks yTicks = NiceTicks.of(f.yMin(), f.yMax(), Math.max(2, (int) ((f.bottom() - f.top()) / 45)), false);
        double[] xs = xTicks.values();
        List<String> xLabels = xTicks.labels();
        for (int i = 0; i < xs.length; i++) {
            double px = f.x(xs[i]);
            out.append("<line class=\"grid\" x1=\"").append(Svg.num(px)).append("\" y1=\"").append(Svg.num(f.top()))
                    .append("\" x2=\"").append(Svg.num(px)).append("\" y2=\"").append(Svg.num(f.bottom() + 4))
                    .append("\"/>");
            out.append(Svg.text(px, f.bottom() + 15, " class=\"tick\" text-anchor=\"middle\"", xLabels.get(i)));
        }
        double[] ys = yTicks.values();
        List<String> yLabels = yTicks.labels();
        for (int i = 0; i < ys.length; i++) {
            double py = f.y(ys[i]);
            out.append("<line class=\"grid\" x1=\"").append(Svg.num(f.left() - 4)).append("\" y1=\"")
                    .append(Svg.num(py)).append("\" x2=\"").append(Svg.num(f.right())).append("\" y2=\"")
                    .append(Svg.num(py)).append("\"/>");
            out.append(Svg.text(f.left() - 7, py + 3.5, " class=\"tick\" text-anchor=\"end\"", yLabels.get(i)));
        }
        out.append(Svg.text((f.left() + f.right()) / 2, height - 8, " class=\"axis\" text-anchor=\"middle\"", xLabel));
        double yMid = (f.top() + f.bottom()) / 2;
        out.append("<text class=\"axis\" text-anchor=\"middle\" transform=\"translate(14 ").append(Svg.num(yMid))
                .append(") rotate(-90)\">").append(HtmlEscape.text(yLabel)).append("</text>");
    }

    private static void draw(StringBuilder out, Frame f, PlotSeries s) {
        double[] xs = s.xs();
        double[] ys = s.ys();
        String colour = s.style().colour();
        switch (s.kind()) {
            case HISTOGRAM -> {
                StringBuilder d = new StringBuilder();
                double baseline = f.y(Math.max(0, f.yMin()));
                for (int i = 0; i < ys.length; i++) {
                    if (finite(xs[i], xs[i + 1], ys[i]) && ys[i] != 0) {
                        double left = f.x(xs[i]);
                        double right = f.x(xs[i + 1]);
                        d.append('M').append(Svg.num(left)).append(' ').append(Svg.num(baseline)).append('V')
                                .append(Svg.num(f.y(ys[i]))).append('H').append(Svg.num(right)).append('V')
                                .append(Svg.num(baseline)).append('Z');
                    }
                }
                out.append("<path class=\"bars\" fill=\"").append(colour).append("\" d=\"").append(d).append("\"/>");
            }
            case BAND -> {
                StringBuilder d = new StringBuilder();
                int n = xs.length;
                for (PlotSeries.Run run : s.bandRuns()) {
                    for (int i = run.from(); i < run.to(); i++) { // along the upper edge, back along the lower
                        d.append(i == run.from() ? 'M' : 'L').append(Svg.num(f.x(xs[i]))).append(' ')
                                .append(Svg.num(f.y(ys[n + i])));
                    }
                    for (int i = run.to() - 1; i >= run.from(); i--) {
                        d.append('L').append(Svg.num(f.x(xs[i]))).append(' ').append(Svg.num(f.y(ys[i])));
                    }
                    d.append('Z');
                }
                if (!d.isEmpty()) {
                    out.append("<path class=\"band\" fill=\"").append(colour).append("\" d=\"").append(d).append("\"/>");
                }
            }
            case LINE -> {
                StringBuilder d = new StringBuilder();
                boolean pen = false;
                for (int i = 0; i < ys.length; i++) {
                    if (finite(xs[i], ys[i], 0)) {
                        d.append(pen ? 'L' : 'M').append(Svg.num(f.x(xs[i]))).append(' ').append(Svg.num(f.y(ys[i])));
                        pen = true;
                    } else {
                        pen = false;
                    }
                }
                out.append("<path class=\"line\" stroke=\"").append(colour).append('"')
                        .append(s.style().dashed() ? " stroke-dasharray=\"6 3\"" : "").append(" d=\"").append(d)
                        .append("\"/>");
            }
            case POINTS -> {
                out.append("<g class=\"points\"").append(Marker.paint(colour, s.style().hollow())).append('>');
                for (int i = 0; i < ys.length; i++) {
                    if (finite(xs[i], ys[i], 0)) {
                        String tip = s.tooltips().isEmpty() ? ""
                                : "<title>" + HtmlEscape.text(s.tooltips().get(i)) + "</title>";
                        out.append(s.style().marker().element(f.x(xs[i]), f.y(ys[i]), "", tip));
                    }
                }
                out.append("</g>");
            }
            default -> throw new IllegalStateException("unknown kind " + s.kind());
        }
    }

    private static void reference(StringBuilder out, Frame f, Reference r, boolean labelled) {
        if (!Double.isFinite(r.y())) {
            return;
        }
        double py = f.y(r.y());
        out.append("<line class=\"reference\" x1=\"").append(Svg.num(f.left())).append("\" y1=\"").append(Svg.num(py))
                .append("\" x2=\"").append(Svg.num(f.right())).append("\" y2=\"").append(Svg.num(py))
                .append("\" stroke=\"").append(r.style().colour()).append('"')
                .append(r.style().dashed() ? " stroke-dasharray=\"6 3\"" : "").append("/>");
        if (labelled && !r.label().isEmpty()) {
            double below = py - f.top() < 14 ? 13 : -4; // under the line when it runs along the top
            out.append(Svg.text(f.right() - 4, py + below, " class=\"reference-label\" text-anchor=\"end\" fill=\""
                    + r.style().colour() + "\"", r.label()));
        }
    }

    /**
     * The legend entries (labelled series, then labelled reference lines) laid out in rows that fit the
     * width.
     */
    private List<String> legendRows() {
        List<String> labels = new ArrayList<>();
        List<String> swatches = new ArrayList<>();
        for (PlotSeries s : series) {
            if (!s.label().isEmpty()) {
                labels.add(s.label());
                swatches.add(swatch(s.kind(), s.style()));
            }
        }
        for (Reference r : references) {
            if (!r.label().isEmpty()) {
                labels.add(r.label());
                swatches.add(swatch(PlotSeries.Kind.LINE, r.style()));
            }
        }
        List<String> rows = new ArrayList<>();
        StringBuilder row = new StringBuilder();
        double x = LEFT;
        for (int i = 0; i < labels.size(); i++) {
            double entry = 26 + CHAR_WIDTH * labels.get(i).length();
            if (x > LEFT && x + entry > width - RIGHT) {
                rows.add(row.toString());
                row.setLength(0);
                x = LEFT;
            }
            double y = TOP + LEGEND_ROW * rows.size() + LEGEND_ROW / 2;
            row.append("<g transform=\"translate(").append(Svg.num(x)).append(' ').append(Svg.num(y)).append(")\">")
                    .append(swatches.get(i)).append("<text class=\"legend\" x=\"22\" y=\"0\" dy=\"3.5\">")
                    .append(HtmlEscape.text(labels.get(i))).append("</text></g>");
            x += entry + 10;
        }
        if (row.length() > 0) {
            rows.add(row.toString());
        }
        return rows;
    }

    /** A legend swatch 16 pixels wide, centred on y = 0. */
    private static String swatch(PlotSeries.Kind kind, PlotStyle style) {
        String colour = style.colour();
        return switch (kind) {
            case HISTOGRAM -> "<rect class=\"bars\" fill=\"" + colour + "\" x=\"0\" y=\"-5\" width=\"16\" height=\"10\"/>";
            case BAND -> "<rect class=\"band\" fill=\"" + colour + "\" x=\"0\" y=\"-5\" width=\"16\" height=\"10\"/>";
            case LINE -> "<line class=\"line\" stroke=\"" + colour + "\"" + (style.dashed() ? " stroke-dasharray=\"6 3\"" : "")
                    + " x1=\"0\" y1=\"0\" x2=\"16\" y2=\"0\"/>";
            case POINTS -> style.marker().element(8, 0, colour, style.hollow());
        };
    }

    /** Data ranges and the pixel rectangle they map to (y grows downwards on screen). */
    private record Frame(double xMin, double xMax, double yMin, double yMax, double left, double right, double top,
                         double bottom) {

        double x(double v) {
            return left + (v - xMin) / (xMax - xMin) * (right - left);
        }

        double y(double v) {
            return bottom - (v - yMin) / (yMax - yMin) * (bottom - top);
        }
    }
}
