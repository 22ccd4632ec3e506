package org.jaynes.report.html;

/**
 * The shape of a plotted point. Shapes as well as colours tell series apart, so a plot printed in grey
 * still reads. Every marker covers about the same area as a circle of radius {@link #SIZE}.
 */
public enum Marker {
    CIRCLE,
    SQUARE,
    TRIANGLE,
    DIAMOND;

    /** The marker's radius in pixels. */
    static final double SIZE = 3.4;

    /** The fill and stroke attributes of a marker: filled with a white rim, or white with a coloured rim. */
    static String paint(String colour, boolean hollow) {
        return hollow
                ? " fill=\"white\" stroke=\"" + colour + "\" stroke-width=\"1.3\""
                : " fill=\"" + colour + "\" stroke=\"white\" stroke-width=\"0.6\"";
    }

    /**
     * The SVG element of this marker centred at (x, y), painted with {@code paint} (attributes starting
     * with a space, or empty to inherit them from the enclosing group), with {@code inner} (for example a
     * {@code <title>}) inside it, or self-closed when inner is empty.
     */
    String element(double x, double y, String paint, String inner) {
        String open = switch (this) {
            case CIRCLE -> "<circle cx=\"" + Svg.num(x) + "\" cy=\"" + Svg.num(y) + "\" r=\"" + Svg.num(SIZE) + "\"";
            case SQUARE -> "<rect x=\"" + Svg.num(x - SIZE * 0.89) + "\" y=\"" + Svg.num(y - SIZE * 0.89)
                    + "\" width=\"" + Svg.num(SIZE * 1.78) + "\" height=\"" + Svg.num(SIZE * 1.78) + "\"";
            case TRIANGLE -> "<path d=\"M" + Svg.num(x) + " " + Svg.num(y - SIZE * 1.25) + "L"
                    + Svg.num(x + SIZE * 1.15) + " " + Svg.num(y + SIZE * 0.85) + "L" + Svg.num(x - SIZE * 1.15)
                    + " " + Svg.num(y + SIZE * 0.85) + "Z\"";
            case DIAMOND -> "<path d=\"M" + Svg.num(x) + " " + Svg.num(y - SIZE * 1.3) + "L" + Svg.num(x + SIZE * 1.1)
                    + " " + Svg.num(y) + "L" + Svg.num(x) + " " + Svg.num(y + SIZE * 1.3) + "L"
                    + Svg.num(x - SIZE * 1.1) + " " + Svg.num(y) + "Z\"";
        };
        String tag = switch (this) {
            case CIRCLE -> "circle";
            case SQUARE -> "rect";
            case TRIANGLE, DIAMOND -> "path";
        };
        return inner.isEmpty() ? open + paint + "/>" : open + paint + ">" + inner + "</" + tag + ">";
    }

    /** A marker with its own paint: for legends. */
    String element(double x, double y, String colour, boolean hollow) {
        return element(x, y, paint(colour, hollow), "");
    }
}
