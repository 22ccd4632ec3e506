package org.jaynes.cli.output;

import java.util.Locale;

/** Numbers as the text reports write them. */
public final class Numbers {

    private Numbers() {
    }

    /** A number in 7 significant digits, '.' whatever the locale; a whole number without a point. */
    public static String n(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        String text = String.format(Locale.ROOT, "%.7g", value);
        if (text.contains("e")) {
            return text;
        }
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** A share as a percentage with three significant digits, "0%" for none. */
    public static String percent(double share) {
        return share == 0 ? "0%" : String.format(Locale.ROOT, "%.3g%%", 100 * share);
    }
}
