package org.jaynes.core.fit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the one-sentence verdict of a {@link FitComparison}, for example
 * "half-normal fits better than lognormal (ΔAIC 8.1e3, Vuong z −41.2, p &lt; 1e-300)",
 * "lognormal fits best (next: gamma, ΔAIC 120, Vuong z 5.31, p = 2.1e-4)", or, when Vuong's test cannot
 * tell the two apart at the 5% level, "gamma fits about as well as lognormal (ΔAIC 1.2, Vuong z −0.41,
 * p = 0.68)". ΔAIC is the gap between the two AICs (positive); z is Vuong's statistic, positive when it
 * favours the lognormal. Numbers have 3 significant digits, plain between 1e-3 and 1e3 and as
 * {@code 8.1e3} outside; negative numbers carry a minus sign (U+2212). Locale-independent.
 */
final class Verdict {

    private static final double SIGNIFICANCE = 0.05;
    private static final double SMALLEST_P = 1e-300;

    private Verdict() {
    }

    /** The sentence for a comparison whose best magnitude family is {@code best}. */
    static String of(Map<Family, Fit> fits, Optional<Family> best, Map<Family, Vuong> vuong) {
        if (best.isEmpty()) {
            return "no fit: no magnitude law could be fitted (the sums are not finite)";
        }
        Family winner = best.get();
        Family rival = winner == Family.LOGNORMAL ? runnerUp(fits).orElse(null) : winner;
        if (rival == null) {
            return "lognormal fits, but no other magnitude law could be fitted";
        }
        double gap = Math.abs(fits.get(rival).aic() - fits.get(Family.LOGNORMAL).aic());
        Vuong test = vuong.get(rival);
        StringBuilder details = new StringBuilder("ΔAIC ").append(number(gap));
        if (Double.isFinite(test.z())) {
            details.append(", Vuong z ").append(number(test.z())).append(", ").append(pValue(test.p()));
        }
        String name = rival.displayName();
        if (test.p() >= SIGNIFICANCE) {
            return String.format(Locale.ROOT, "%s fits about as well as lognormal (%s)", name, details);
        }
        if (winner == Family.LOGNORMAL) {
            return String.format(Locale.ROOT, "lognormal fits best (next: %s, %s)", name, details);
        }
        return String.format(Locale.ROOT, "%s fits better than lognormal (%s)", name, details);
    }

    /** The sentence when nothing could be fitted. */
    static String noFit(String reason) {
        return "no fit: " + reason;
    }

    private static Optional<Family> runnerUp(Map<Family, Fit> fits) {
        return Family.magnitudeFamilies().stream()
                .filter(f -> f != Family.LOGNORMAL && !Double.isNaN(fits.get(f).aic()))
                .min(Comparator.comparingDouble(f -> fits.get(f).aic()));
    }

    private static String pValue(double p) {
        return p < SMALLEST_P ? "p < 1e-300" : "p = " + number(p);
    }

    /** x to 3 significant digits: "120", "5.31", "0.00123", "8.1e3", "1e-5", "−41.2". */
    static String number(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "−∞";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(Math.abs(x)).round(new MathContext(3)).stripTrailingZeros();
        String sign = x < 0 ? "−" : "";
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -3 && exponent < 3) {
            return sign + rounded.toPlainString();
        }
        String digits = rounded.unscaledValue().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + exponent;
    }
}
