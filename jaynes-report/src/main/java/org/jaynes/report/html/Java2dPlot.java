package org.jaynes.report.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the plot an {@link SvgPlot} describes (series, reference lines, axis labels, ranges) as a raster
 * image with Java2D, laid out for print: a figure of {@code width × height} pixels with tick labels of
 * {@link #TICK_FONT} pixels, and a legend above the plot area naming every labelled series and reference
 * line (a figure in a paper stands alone, so the legend is drawn even for plots the HTML page shows
 * without one).
 *
 * <p>The axes span the same ranges as the SVG ({@link SvgPlot#ranges}) and carry ticks from
 * {@link NiceTicks}; non-finite values are skipped as in the SVG. Text uses the JDK's logical font
 * {@code SansSerif}, so the same JDK and fonts give the same pixels; nothing depends on the locale, the
 * clock or a display (works headless). Stateless and thread-safe.
 */
final class Java2dPlot {

    static final int TICK_FONT = 28;
    private static final int AXIS_FONT = 31;
    private static final int LEGEND_FONT = 27;
    /** Pixels per SVG pixel, for line widths and markers: the tick font over the page's 10.5 px. */
    private static final double SCALE = TICK_FONT / 10.5;
    private static final int MARGIN = 24;
    private static final int TICK = 10;
    private static final int SWATCH = 48;
    private static final Color INK = new Color(0x1d2329);
    private static final Color TICK_INK = new Color(0x454d56);
    private static final Color AREA = new Color(0xfcfdfe);
    private static final Color FRAME = new Color(0x6f7a85);
    private static final Color GRID = new Color(0xe1e5ea);
    /** The page's band fill-opacity, 0.16, out of 255. */
    private static final int BAND_ALPHA = 41;

    private Java2dPlot() {
    }

    /** The plot drawn on a white {@code width × height} RGB image. */
    static BufferedImage draw(SvgPlot plot, int width, int height) {
        if (width < 400 || height < 300) {
            throw new IllegalArgumentException("a raster plot needs at least 400 × 300 pixels, not " + width + " × " + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            new Layout(plot, g, width, height).paint();
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One drawing: the plot area's pixel rectangle and the mapping of data onto it. */
    private static final class Layout {

        private final SvgPlot plot;
        private final Graphics2D g;
        private final int width;
        private final int height;
        private final Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, TICK_FONT);
        private final Font axisFont = new Font(Font.SANS_SERIF, Font.PLAIN, AXIS_FONT);
        private final Font legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, LEGEND_FONT);
        private final List<Entry> legend;
        private SvgPlot.Ranges ranges;
        private double left;
        private double right;
        private double top;
        private double bottom;

        /** A legend entry: a series' or a reference line's swatch and label. */
        private record Entry(PlotSeries.Kind kind, String label, PlotStyle style) {
        }

        Layout(SvgPlot plot, Graphics2D g, int width, int height) {
            this.plot = plot;
            this.g = g;
            this.width = width;
            this.height = height;
            List<Entry> entries = new ArrayList<>();
            for (PlotSeries s : plot.series()) {
                if (!s.label().isEmpty()) {
                    entries.add(new Entry(s.kind(), s.label(), s.style()));
                }
            }
            for (SvgPlot.Reference r : plot.references()) {
                if (!r.label().isEmpty()) {
                    entries.add(new Entry(PlotSeries.Kind.LINE, r.label(), r.style()));
                }
            }
            this.legend = entries;
        }

        void paint() {
            ranges = plot.ranges();
            FontMetrics tick = g.getFontMetrics(tickFont);
            FontMetrics axis = g.getFontMetrics(axisFont);
            NiceTicks yTicks = null;
            double tickWidth = tick.stringWidth("0.00");
            if (ranges != null) {
                double roughHeight = height - 2.0 * MARGIN - 3 * tick.getHeight();
                yTicks = NiceTicks.of(ranges.yMin(), ranges.yMax(), Math.max(2, (int) (roughHeight / 120)), false);
                for (String label : yTicks.labels()) {
                    tickWidth = Math.max(tickWidth, tick.stringWidth(label));
                }
            }
            left = MARGIN + axis.getHeight() + 14 + tickWidth + TICK + 8;
            right = width - MARGIN - 16;
            int rows = legendRows(false);
            top = MARGIN + rows * (legendFontHeight() + 12) + (rows > 0 ? 10 : 0);
            bottom = height - MARGIN - axis.getHeight() - 12 - tick.getHeight() - TICK;
            g.setColor(AREA);
            g.fill(new Rectangle2D.Double(left, top, right - left, bottom - top));
            if (ranges == null) {
                text("no finite values to plot", tickFont, Color.GRAY, (left + right) / 2, (top + bottom) / 2, 0.5);
            } else {
                grid(tick, yTicks);
                for (PlotSeries.Kind kind : PlotSeries.Kind.values()) {
                    for (PlotSeries s : plot.series()) {
                        if (s.kind() == kind) {
                            series(s);
                        }
                    }
                }
                for (SvgPlot.Reference r : plot.references()) {
                    if (Double.isFinite(r.y())) {
                        g.setColor(Color.decode(r.style().colour()));
                        g.setStroke(stroke(1.4, r.style().dashed()));
                        g.draw(new Line2D.Double(left, y(r.y()), right, y(r.y())));
                    }
                }
            }
            g.setColor(FRAME);
            g.setStroke(new BasicStroke(2f));
            g.draw(new Rectangle2D.Double(left, top, right - left, bottom - top));
            axisLabels(axis);
            legendRows(true);
        }

        private double x(double v) {
            return left + (v - ranges.xMin()) / (ranges.xMax() - ranges.xMin()) * (right - left);
        }

        private double y(double v) {
            return bottom - (v - ranges.yMin()) / (ranges.yMax() - ranges.yMin()) * (bottom - top);
        }

        private void grid(FontMetrics tick, NiceTicks yTicks) {
            NiceTicks xTicks = NiceTicks.of(ranges.xMin(), ranges.xMax(), Math.max(2, (int) ((right - left) / 190)),
                    plot.hasIntegerX());
            g.setStroke(new BasicStroke(2f));
            double[] xs = xTicks.values();
            for (int i = 0; i < xs.length; i++) {
                double px = x(xs[i]);
                g.setColor(GRID);
                g.draw(new Line2D.Double(px, top, px, bottom));
                g.setColor(FRAME);
                g.draw(new Line2D.Double(px, bottom, px, bottom + TICK));
                text(xTicks.labels().get(i), tickFont, TICK_INK, px, bottom + TICK + 6 + tick.getAscent(), 0.5);
            }
            double[] ys = yTicks.values();
            for (int i = 0; i < ys.length; i++) {
                double py = y(ys[i]);
                g.setColor(GRID);
                g.draw(new Line2D.Double(left, py, right, py));
                g.setColor(FRAME);
                g.draw(new Line2D.Double(left - TICK, py, left, py));
                text(yTicks.labels().get(i), tickFont, TICK_INK, left - TICK - 8, py + tick.getAscent() * 0.36, 1);
            }
        }

        private void axisLabels(FontMetrics axis) {
            text(plot.xLabel(), axisFont, INK, (left + right) / 2, height - MARGIN - axis.getDescent(), 0.5);
            AffineTransform saved = g.getTransform();
            g.translate(MARGIN + axis.getAscent(), (top + bottom) / 2);
            g.rotate(-Math.PI / 2);
            text(plot.yLabel(), axisFont, INK, 0, 0, 0.5);
            g.setTransform(saved);
        }

        private void series(PlotSeries s) {
            double[] xs = s.xs();
            double[] ys = s.ys();
            Color colour = Color.decode(s.style().colour());
            switch (s.kind()) {
                case HISTOGRAM -> {
                    double baseline = y(Math.max(0, ranges.yMin()));
                    Path2D.Double bars = new Path2D.Double();
                    for (int i = 0; i < ys.length; i++) {
                        if (finite(xs[i], xs[i + 1], ys[i]) && ys[i] != 0) {
                            double top = Math.min(y(ys[i]), baseline);
                            bars.append(new Rectangle2D.Double(x(xs[i]), top, x(xs[i + 1]) - x(xs[i]),
                                    Math.abs(baseline - y(ys[i]))), false);
                        }
                    }
                    g.setColor(colour);
                    g.fill(bars);
                }
                case BAND -> {
                    int n = xs.length;
                    Path2D.Double area = new Path2D.Double();
                    for (PlotSeries.Run run : s.bandRuns()) {
                        area.moveTo(x(xs[run.from()]), y(ys[n + run.from()]));
                        for (int i = run.from() + 1; i < run.to(); i++) {
                            area.lineTo(x(xs[i]), y(ys[n + i]));
                        }
                        for (int i = run.to() - 1; i >= run.from(); i--) {
                            area.lineTo(x(xs[i]), y(ys[i]));
                        }
                        area.closePath();
                    }
                    g.setColor(translucent(colour));
                    g.fill(area);
                }
                case LINE -> {
                    Path2D.Double path = new Path2D.Double();
                    boolean pen = false;
                    for (int i = 0; i < ys.length; i++) {
                        if (finite(xs[i], ys[i], 0)) {
                            if (pen) {
                                path.lineTo(x(xs[i]), y(ys[i]));
                            } else {
                                path.moveTo(x(xs[i]), y(ys[i]));
                            }
                            pen = true;
                        } else {
                            pen = false;
                        }
                    }
                    g.setColor(colour);
                    g.setStroke(stroke(1.8, s.style().dashed()));
                    g.draw(path);
                }
                case POINTS -> {
                    for (int i = 0; i < ys.length; i++) {
                        if (finite(xs[i], ys[i], 0)) {
                            marker(s.style(), x(xs[i]), y(ys[i]));
                        }
                    }
                }
                default -> throw new IllegalStateException("unknown kind " + s.kind());
            }
        }

        /** A marker filled with a thin white rim, or white with a coloured rim when hollow. */
        private void marker(PlotStyle style, double cx, double cy) {
            Shape shape = shape(style.marker(), cx, cy, Marker.SIZE * SCALE);
            Color colour = Color.decode(style.colour());
            g.setColor(style.hollow() ? Color.WHITE : colour);
            g.fill(shape);
            g.setColor(style.hollow() ? colour : Color.WHITE);
            g.setStroke(new BasicStroke((float) ((style.hollow() ? 1.3 : 0.6) * SCALE)));
            g.draw(shape);
        }

        /** The marker's outline, of the same proportions as {@link Marker#element}. */
        private static Shape shape(Marker marker, double x, double y, double size) {
            return switch (marker) {
                case CIRCLE -> new Ellipse2D.Double(x - size, y - size, 2 * size, 2 * size);
                case SQUARE -> new Rectangle2D.Double(x - size * 0.89, y - size * 0.89, size * 1.78, size * 1.78);
                case TRIANGLE -> polygon(x, y - size * 1.25, x + size * 1.15, y + size * 0.85, x - size * 1.15,
                        y + size * 0.85);
                case DIAMOND -> polygon(x, y - size * 1.3, x + size * 1.1, y, x, y + size * 1.3, x - size * 1.1, y);
            };
        }

        private static Shape polygon(double... xy) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(xy[0], xy[1]);
            for (int i = 2; i < xy.length; i += 2) {
                path.lineTo(xy[i], xy[i + 1]);
            }
            path.closePath();
            return path;
        }

        private int legendFontHeight() {
            return g.getFontMetrics(legendFont).getHeight();
        }

        /** Lays out (and, when {@code paint}, draws) the legend in rows across the plot's width; the row count. */
        private int legendRows(boolean paint) {
            FontMetrics metrics = g.getFontMetrics(legendFont);
            double rowHeight = metrics.getHeight() + 12;
            double start = left;
            double x = start;
            int rows = legend.isEmpty() ? 0 : 1;
            for (Entry entry : legend) {
                double entryWidth = SWATCH + 12 + metrics.stringWidth(entry.label());
                if (x > start && x + entryWidth > right) {
                    rows++;
                    x = start;
                }
                if (paint) {
                    double cy = MARGIN + (rows - 1) * rowHeight + rowHeight / 2;
                    swatch(entry, x, cy);
                    text(entry.label(), legendFont, INK, x + SWATCH + 12, cy + metrics.getAscent() * 0.36, 0);
                }
                x += entryWidth + 36;
            }
            return rows;
        }

        private void swatch(Entry entry, double x, double cy) {
            Color colour = Color.decode(entry.style().colour());
            switch (entry.kind()) {
                case HISTOGRAM -> {
                    g.setColor(colour);
                    g.fill(new Rectangle2D.Double(x, cy - 14, SWATCH, 28));
                }
                case LINE -> {
                    g.setColor(colour);
                    g.setStroke(stroke(1.8, entry.style().dashed()));
                    g.draw(new Line2D.Double(x, cy, x + SWATCH, cy));
                }
                case BAND -> {
                    g.setColor(translucent(colour));
                    g.fill(new Rectangle2D.Double(x, cy - 14, SWATCH, 28));
                }
                case POINTS -> marker(entry.style(), x + SWATCH / 2.0, cy);
                default -> throw new IllegalStateException("unknown kind " + entry.kind());
            }
        }

        /** Text with its anchor at {@code align} of its width (0 start, 0.5 middle, 1 end) on the baseline y. */
        private void text(String content, Font font, Color colour, double x, double y, double align) {
            g.setFont(font);
            g.setColor(colour);
            double w = g.getFontMetrics(font).getStringBounds(content, g).getWidth();
            g.drawString(content, (float) (x - w * align), (float) y);
        }
    }

    /** A line of {@code svgWidth} page pixels, scaled; dashes as the page's 6 3. */
    private static Stroke stroke(double svgWidth, boolean dashed) {
        float w = (float) (svgWidth * SCALE);
        return dashed
                ? new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {(float) (6 * SCALE), (float) (3 * SCALE)}, 0f)
                : new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** A band's fill: the colour at the page's fill-opacity. */
    private static Color translucent(Color colour) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), BAND_ALPHA);
    }

    private static boolean finite(double a, double b, double c) {
        return Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c);
    }
}
