package org.jaynes.dynamics.game;

import java.util.function.DoublePredicate;

/**
 * Two doubles, low &lt; high, around the point where a decreasing test turns from true to false: the
 * equilibria's thresholds, offsets and budget prices are found by narrowing one to adjacent doubles.
 *
 * @param low  a point where the test holds
 * @param high a point where it does not
 */
record Bracket(double low, double high) {

    /**
     * The most halvings or doublings a search makes: about what it takes to go from a width of 2^1024 to
     * one of 2^-1074, so a finite bracket always ends at adjacent doubles first; a bracket that went
     * infinite or NaN stops here instead of looping.
     */
    static final int STEPS = 2100;

    /**
     * Bisects while the midpoint lies strictly between the ends: the midpoint becomes the low end where
     * {@code holds} is true of it, else the high end.
     */
    Bracket bisect(DoublePredicate holds) {
        double lo = low;
        double hi = high;
        for (int i = 0; i < STEPS; i++) {
            double middle = lo + (hi - lo) / 2;
            if (middle <= lo || middle >= hi) {
                break;
            }
            if (holds.test(middle)) {
                lo = middle;
            } else {
                hi = middle;
            }
        }
        return new Bracket(lo, hi);
    }
}
