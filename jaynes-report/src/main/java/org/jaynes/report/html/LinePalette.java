package org.jaynes.report.html;

import java.util.Locale;

/**
 * Colours for lines told apart by order (runs, layers, initialisers): ten dark colours that stay distinct
 * on white and in print, reused in the same order when there are more lines. The faint variant of each is
 * the colour mixed with white, for the many thin lines (single seeds) behind a summary line.
 */
final class LinePalette {

    private static final String[] COLOURS = {"#1f4e9c", "#d6541a", "#2a7f62", "#8e44ad", "#b8860b", "#c0392b",
        "#16a085", "#7f8c8d", "#2c3e50", "#e67e22"};
    /** Share of the colour in a faint line; the rest is white. */
    private static final double FAINT = 0.38;

    private LinePalette() {
    }

    /** The colour of line {@code i} (from 0), {@code #rrggbb}. */
    static String colour(int i) {
        return COLOURS[Math.floorMod(i, COLOURS.length)];
    }

    /** A solid line in the colour of line {@code i}. */
    static PlotStyle solid(int i) {
        return PlotStyle.solid(colour(i));
    }

    /** A solid line in the pale version of the colour of line {@code i}. */
    static PlotStyle faint(int i) {
        int rgb = Integer.parseInt(colour(i).substring(1), 16);
        int r = pale(rgb >> 16 & 0xff);
        int g = pale(rgb >> 8 & 0xff);
        int b = pale(rgb & 0xff);
        return PlotStyle.solid(String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b));
    }

    private static int pale(int channel) {
        return (int) Math.round(FAINT * channel + (1 - FAINT) * 255);
    }
}
