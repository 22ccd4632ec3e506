package org.jaynes.report.html;

/**
 * Small pieces of SVG markup: coordinates to one decimal (a tenth of a pixel), and text. Output is the
 * same in every locale. Thread-safe.
 */
final class Svg {

    private Svg() {
    }

    /** A coordinate rounded to 0.1, without a trailing {@code .0}: {@code 12}, {@code 12.5}, {@code -3.1}. */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        long whole = tenths / 10;
        long fraction = Math.abs(tenths % 10);
        String sign = tenths < 0 && whole == 0 ? "-" : "";
        return fraction == 0 ? sign + whole : sign + whole + "." + fraction;
    }

    /** A {@code <text>} element with escaped content; {@code attributes} start with a space or are empty. */
    static String text(double x, double y, String attributes, String content) {
        return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\"" + attributes + ">" + HtmlEscape.text(content)
                + "</text>";
    }
}
