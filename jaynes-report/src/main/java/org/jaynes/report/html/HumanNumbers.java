package org.jaynes.report.html;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.jaynes.core.tensor.Shape;

/**
 * Numbers formatted for people, whatever the default locale: 3 significant digits, plain between 0.001
 * and 10,000 ({@code 0.00123}, {@code 5.31}, {@code 1230}) and scientific outside ({@code 1.23e5},
 * {@code 4.5e-4}); negative numbers carry a true minus sign (U+2212); NaN prints
 * as an en dash, infinities as ∞. Counts print in full with thin-space grouping. Thread-safe.
 */
public final class HumanNumbers {

    /** What a missing value (NaN) prints as. */
    public static final String MISSING = "–";

    private static final MathContext THREE_DIGITS = new MathContext(3);

    private HumanNumbers() {
    }

    /** {@code x} to 3 significant digits. */
    public static String format(double x) {
        if (Double.isNaN(x)) {
            return MISSING;
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "−∞";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(Math.abs(x)).round(THREE_DIGITS).stripTrailingZeros();
        String sign = x < 0 ? "−" : "";
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -3 && exponent < 4) {
            return sign + rounded.toPlainString();
        }
        return sign + mantissaAndExponent(rounded);
    }

    /** {@code x} to 3 significant digits, always scientific: {@code 1.5e-3}, {@code 2e5}, {@code 0}. */
    public static String scientific(double x) {
        return scientific(x, 3);
    }

    /** {@code x} to {@code digits} significant digits, always scientific. */
    public static String scientific(double x, int digits) {
        if (!Double.isFinite(x) || x == 0) {
            return format(x);
        }
        BigDecimal rounded = new BigDecimal(Math.abs(x)).round(new MathContext(digits)).stripTrailingZeros();
        return (x < 0 ? "−" : "") + mantissaAndExponent(rounded);
    }

    private static String mantissaAndExponent(BigDecimal rounded) {
        int exponent = rounded.precision() - rounded.scale() - 1;
        String digits = rounded.unscaledValue().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + exponent;
    }

    /** A count in full, digits grouped by three with a thin space: {@code 1 179 648}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', '\u2009');
    }

    /** Dimensions joined by ×: {@code 384×1536}; {@code scalar} for rank 0. */
    public static String shape(Shape shape) {
        if (shape.rank() == 0) {
            return "scalar";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < shape.rank(); i++) {
            out.append(i == 0 ? "" : "×").append(shape.dim(i));
        }
        return out.toString();
    }

    /** A value in full precision for machines (sort keys): shortest round-trip form, NaN as {@code NaN}. */
    public static String exact(double x) {
        return Double.isNaN(x) ? "NaN" : Double.toString(x);
    }
}
