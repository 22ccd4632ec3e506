package org.jaynes.core.fit;

/**
 * A law of x = |w| on (0, ∞). Populations are summarised by cells of u = ln x, so each law is evaluated
 * from u (and x = e^u, computed once per cell and shared by all laws) rather than from x alone, which saves
 * a logarithm per cell and keeps x^k = e^(ku) exact to rounding.
 */
public sealed interface MagnitudeLaw extends FittedLaw
        permits LognormalLaw, HalfNormalLaw, ExponentialLaw, WeibullLaw, GammaLaw {

    /** ln f at a point given both as u = ln x and as x. */
    @FunctionalInterface
    interface LogDensity {
        /** ln f(x), the log-density of x (not of u = ln x); {@code x} must equal e^u. */
        double at(double u, double x);
    }

    /**
     * The log-density with the law's constants (logarithms, ln Γ) computed once: what a pass over
     * millions of cells calls.
     */
    LogDensity logDensityFunction();

    /** F(e^u) = P(X ≤ e^u). */
    double cumulativeProbabilityAtLog(double u);

    /** ln f(e^u); see {@link #logDensityFunction()} for repeated use. */
    default double logDensityAtLog(double u) {
        return logDensityFunction().at(u, Math.exp(u));
    }

    /** ln f(x); −∞ for x &lt; 0; at x = 0 the limit of the formula. */
    @Override
    default double logDensity(double x) {
        return x < 0 ? Double.NEGATIVE_INFINITY : logDensityFunction().at(Math.log(x), x);
    }

    /** F(x); 0 for x ≤ 0. */
    @Override
    default double cumulativeProbability(double x) {
        return x > 0 ? cumulativeProbabilityAtLog(Math.log(x)) : x <= 0 ? 0 : Double.NaN;
    }
}
