package org.jaynes.core.fit;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Trigamma;

/**
 * The maximum-likelihood shape of a gamma law (location 0): the root a of ln a − ψ(a) = s, where
 * s = ln(mean x) − mean ln x ≥ 0 (Jensen). The left side falls from ∞ to 0, so the root is unique for
 * s &gt; 0. Started from Minka's approximation a₀ = (3 − s + √((s − 3)² + 24s)) / (12s), within 1.5% of the
 * root (T. Minka, "Estimating a gamma distribution", 2002), then {@link RootFinder} converges in 3–4 steps,
 * as in Choi and Wette, Technometrics 11(4) (1969) 683–690, doi:10.1080/00401706.1969.10490731.
 *
 * <p>Accuracy: ln a − ψ(a) is evaluated from its asymptotic series 1/(2a) + 1/(12a²) − 1/(120a⁴) + ... for
 * a ≥ 40 and from ψ otherwise, so it keeps a relative error below 1e-13 for every a; the root is then as
 * accurate as s, whose absolute error is a few ulps of |mean ln x|. s ≤ 0 or NaN (all magnitudes equal,
 * or no values) gives NaN.
 */
final class GammaShape {

    private static final double SERIES_FROM = 40;
    private static final double MIN = 1e-12;
    private static final double MAX = 1e15;

    private GammaShape() {
    }

    /** The root a of ln a − ψ(a) = s; NaN unless s &gt; 0 and finite. */
    static double solve(double s) {
        if (!(s > 0) || s == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double guess = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
        return RootFinder.solve(a -> new RootFinder.Point(lnMinusDigamma(a) - s, 1 / a - Trigamma.value(a)),
                guess, MIN, MAX, false);
    }

    /** ln a − ψ(a), without the cancellation of the difference for large a. */
    static double lnMinusDigamma(double a) {
        if (a < SERIES_FROM) {
            return Math.log(a) - Digamma.value(a);
        }
        double r = 1 / (a * a);
        // Σ B_2k / (2k a^2k) for k = 1..5; the next term is below 1e-19 of the sum at a = 40
        return 0.5 / a + r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r / 132))));
    }
}
