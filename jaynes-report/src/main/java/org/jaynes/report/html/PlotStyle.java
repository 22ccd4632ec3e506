package org.jaynes.report.html;

/**
 * How a series is drawn.
 *
 * @param colour a CSS colour, {@code #rrggbb}
 * @param marker the point shape (points only)
 * @param dashed dashed lines (lines and reference lines)
 * @param hollow markers outlined, not filled
 */
public record PlotStyle(String colour, Marker marker, boolean dashed, boolean hollow) {

    public PlotStyle {
        if (!colour.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("colour must be #rrggbb, not " + colour);
        }
    }

    public static PlotStyle solid(String colour) {
        return new PlotStyle(colour, Marker.CIRCLE, false, false);
    }

    public static PlotStyle dashed(String colour) {
        return new PlotStyle(colour, Marker.CIRCLE, true, false);
    }

    public static PlotStyle points(String colour, Marker marker) {
        return new PlotStyle(colour, marker, false, false);
    }

    public static PlotStyle hollowPoints(String colour, Marker marker) {
        return new PlotStyle(colour, marker, false, true);
    }
}
