package org.jaynes.dynamics.game;

import java.util.PriorityQueue;

/**
 * The exact equilibrium of the one-kind game with M agents: the counts that maximise M·φ. The potential
 * is Σ_k (M_k u_k − ln M_k!) + ln M!, a sum of concave functions of the counts whose n-th agent in bin k
 * adds u_k − ln n; so the maximum takes the M largest of all these marginal values, and a state is a
 * maximum exactly when no agent can gain by moving: min over occupied j of (u_j − ln M_j) ≥ max over
 * k ≠ j of (u_k − ln(M_k + 1)). Every end state of better- or best-response dynamics is therefore a
 * maximum, unique unless marginal values tie.
 *
 * <p>Algorithm: bisection on the threshold a with M_k = ⌊e^{u_k − a}⌋, then the few agents left over by
 * rounding placed one at a time on the best marginal value (a heap), then exchanges until no agent can
 * gain (rounding of e^x may leave a handful). Cost O(K log K + K · 64).
 *
 * @param counts    M_k
 * @param potential M·φ of the counts
 */
public record FiniteEquilibrium(long[] counts, double potential) {

    /** The maximiser for utilities u_k and M agents. */
    public static FiniteEquilibrium of(double[] u, long agents) {
        if (agents < 1) {
            throw new IllegalArgumentException("a game needs at least 1 agent, not " + agents);
        }
        double guess = Equilibrium.logSumExp(u) - StrictMath.log(agents);
        double low = guess - 1;
        double high = guess + 1;
        for (int i = 0; i < Bracket.STEPS && placed(u, low, agents) <= agents; i++) {
            low -= high - low;
        }
        for (int i = 0; i < Bracket.STEPS && placed(u, high, agents) > agents; i++) {
            high += high - low;
        }
        double threshold = new Bracket(low, high).bisect(a -> placed(u, a, agents) > agents).high();
        long[] counts = new long[u.length];
        long total = 0;
        for (int k = 0; k < u.length; k++) {
            counts[k] = floorCount(u[k] - threshold, agents);
            total += counts[k];
        }
        PriorityQueue<Integer> next = new PriorityQueue<>(
                (a, b) -> Double.compare(entering(u, counts, b), entering(u, counts, a)));
        for (int k = 0; k < u.length; k++) {
            next.add(k);
        }
        for (; total < agents; total++) {
            int k = next.poll();
            counts[k]++;
            next.add(k);
        }
        settle(u, counts);
        return new FiniteEquilibrium(counts, Potential.exact(new long[][] {counts}, new double[][] {u}, u.length));
    }

    private static long placed(double[] u, double threshold, long cap) {
        long total = 0;
        for (double v : u) {
            total += floorCount(v - threshold, cap);
            if (total > cap) {
                return total;
            }
        }
        return total;
    }

    private static long floorCount(double exponent, long cap) {
        double value = StrictMath.exp(exponent);
        return value >= cap ? cap + 1 : (long) Math.floor(value);
    }

    private static double entering(double[] u, long[] counts, int k) {
        return u[k] - StrictMath.log(counts[k] + 1.0);
    }

    /** Moves agents from the worst occupied bin to the best other bin while that gains. */
    private static void settle(double[] u, long[] counts) {
        while (true) {
            int from = -1;
            int to = -1;
            for (int k = 0; k < u.length; k++) {
                if (counts[k] > 0 && (from < 0 || u[k] - StrictMath.log(counts[k]) < u[from] - StrictMath.log(counts[from]))) {
                    from = k;
                }
            }
            for (int k = 0; k < u.length; k++) {
                if (k != from && (to < 0 || entering(u, counts, k) > entering(u, counts, to))) {
                    to = k;
                }
            }
            if (from < 0 || to < 0 || Potential.gain(u[from], counts[from], u[to], counts[to]) <= 0) {
                return;
            }
            counts[from]--;
            counts[to]++;
        }
    }
}
