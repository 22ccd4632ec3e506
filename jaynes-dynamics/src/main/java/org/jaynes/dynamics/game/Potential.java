package org.jaynes.dynamics.game;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The exact potential of the connection game for M agents,
 * <pre>
 *   M·φ = Σ_{t,k} M^t_k u^t_k + ln(M! / Π_k M_k!),
 * </pre>
 * with ln n! = ln Γ(n + 1) from Commons Numbers (relative error a few ulps). When one agent of kind t moves
 * from bin j to bin k, M·φ changes by u^t_k − u^t_j − ln(M_k + 1) + ln M_j, which is exactly the change of
 * that agent's utility h = u − ln(count of its bin): the game is an exact potential game for every M, not
 * only in the limit. The absolute rounding error of M·φ is about 1e-16 · M ln M.
 */
public final class Potential {

    private Potential() {
    }

    /** M·φ of counts[kind][bin] under utilities u[kind][bin] (only the first {@code bins} entries are read). */
    public static double exact(long[][] counts, double[][] u, int bins) {
        double value = 0;
        long agents = 0;
        for (int k = 0; k < bins; k++) {
            long inBin = 0;
            for (int t = 0; t < counts.length; t++) {
                long m = counts[t][k];
                if (m != 0) {
                    value += m * u[t][k];
                }
                inBin += m;
            }
            agents += inBin;
            value -= logFactorial(inBin);
        }
        return value + logFactorial(agents);
    }

    /** ln n!. */
    public static double logFactorial(long n) {
        return n < 2 ? 0 : LogGamma.value(n + 1.0);
    }

    /** The change of M·φ, and of the mover's utility, when an agent moves from a bin of M_j agents (its own
     *  included) with utility u_j to a bin of M_k agents with utility u_k. */
    public static double gain(double uFrom, long countFrom, double uTo, long countTo) {
        return uTo - uFrom - StrictMath.log(countTo + 1.0) + StrictMath.log(countFrom);
    }
}
