package org.jaynes.core.fit;

/**
 * Finds the root of a monotone function of a positive parameter by safeguarded Newton iteration: the
 * root is first bracketed by stepping from the guess by factors of 2, then Newton steps are taken while
 * they stay inside the bracket, with bisection (at the geometric mean) otherwise. The bracket shrinks at
 * every step, so the iteration cannot diverge; near the root convergence is quadratic. Stops when a step
 * or the bracket is below 1e-15 relative, or after 200 evaluations.
 */
final class RootFinder {

    /** A function's value and derivative at one point. */
    record Point(double value, double slope) {
    }

    /** The function whose root is sought. */
    @FunctionalInterface
    interface Function {
        Point at(double x);
    }

    private static final double TOLERANCE = 1e-15;
    private static final int MAX_EVALUATIONS = 200;

    private RootFinder() {
    }

    /**
     * The root of {@code f} in [min, max], searched from {@code guess}.
     *
     * @param increasing whether f increases with x (else it decreases)
     * @return the root; {@code max} or {@code min} when f has no sign change in the range and the root
     *         lies beyond that end; NaN when f is NaN where evaluated or the guess is not in (0, ∞)
     */
    static double solve(Function f, double guess, double min, double max, boolean increasing) {
        if (!(guess > 0) || guess == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double x = Math.max(min, Math.min(max, guess));
        Point p = f.at(x);
        int evaluations = 1;
        if (Double.isNaN(p.value())) {
            return Double.NaN;
        }
        if (p.value() == 0) {
            return x;
        }
        // below the root: f < 0 when increasing, f > 0 when decreasing
        boolean below = (p.value() < 0) == increasing;
        double lo = below ? x : min;
        double hi = below ? max : x;
        double probe = x;
        while (evaluations < MAX_EVALUATIONS) {
            probe = below ? Math.min(max, probe * 2) : Math.max(min, probe / 2);
            Point q = f.at(probe);
            evaluations++;
            if (Double.isNaN(q.value())) {
                return Double.NaN;
            }
            boolean probeBelow = (q.value() < 0) == increasing;
            if (q.value() == 0) {
                return probe;
            }
            if (probeBelow == below) {
                x = probe;
                p = q;
                if (below) {
                    lo = probe;
                } else {
                    hi = probe;
                }
                if (probe == (below ? max : min)) {
                    return probe;
                }
            } else {
                if (below) {
                    hi = probe;
                } else {
                    lo = probe;
                }
                break;
            }
        }
        while (evaluations < MAX_EVALUATIONS && hi - lo > TOLERANCE * hi) {
            double next = x - p.value() / p.slope();
            if (!(next > lo && next < hi)) {
                next = Math.sqrt(lo * hi);
            }
            double step = next - x;
            x = next;
            p = f.at(x);
            evaluations++;
            if (Double.isNaN(p.value())) {
                return Double.NaN;
            }
            if (p.value() == 0 || Math.abs(step) <= TOLERANCE * x) {
                return x;
            }
            if ((p.value() < 0) == increasing) {
                lo = x;
            } else {
                hi = x;
            }
        }
        return x;
    }
}
