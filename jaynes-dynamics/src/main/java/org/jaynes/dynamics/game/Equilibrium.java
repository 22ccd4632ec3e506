package org.jaynes.dynamics.game;

import java.util.Arrays;

/**
 * The arbitrage equilibrium of the connection game for many agents (M → ∞): the shares x*^t_k of each
 * sub-population t over the bins that maximise the large-M potential per agent
 * <pre>
 *   φ(x) = Σ_t Σ_k x^t_k u^t_k + H(ξ),   ξ_k = Σ_t x^t_k,   H(ξ) = −Σ_k ξ_k ln ξ_k,   Σ_k x^t_k = m_t.
 * </pre>
 * One sub-population: x*_k = e^{u_k} / Z, φ* = ln Z, and every agent's utility is h* = ln Z − ln M.
 * Two: at equilibrium ln ξ_k = max_t (u^t_k − C_t), each kind holding the bins where its term is the
 * larger and sharing at most the bins where they tie (docs/theory.md §2.8, with one price C_t per kind); every
 * agent of kind t earns h^t = C_t − ln M. The offset C_A − C_B is found by bisection on the mass ratio,
 * which falls as the offset grows, to adjacent doubles; a tied bin (or a tied set) is then split so the
 * masses are exact.
 *
 * <p>{@link #arbitrageGap} is φ* − φ(x) ≥ 0, computed without cancellation as
 * KL(ξ ‖ ξ*) + Σ_{t,k} x^t_k ρ^t_k with the regret ρ^t_k = ln ξ*_k + C_t − u^t_k ≥ 0 (zero on the kind's own
 * bins); with one kind it is KL(x ‖ x*). Both are zero exactly at equilibrium.
 *
 * @param shares      x*^t_k, [kind][bin]
 * @param total       ξ*_k
 * @param prices      C_t, so that h^t* = C_t − ln M
 * @param potential   φ* per agent (large M)
 */
public record Equilibrium(double[][] shares, double[] total, double[] prices, double potential) {

    private static final int MAX_KINDS = 2;

    /** The equilibrium of utilities u[kind][bin] with kind shares m[kind] (summing to 1). */
    public static Equilibrium of(double[][] utilities, double[] kindShares) {
        if (utilities.length == 1) {
            return single(utilities[0]);
        }
        if (utilities.length != MAX_KINDS) {
            throw new IllegalArgumentException("games of 1 or 2 kinds of agents are supported, not "
                    + utilities.length);
        }
        return pair(utilities, kindShares);
    }

    private static Equilibrium single(double[] utility) {
        double max = Arrays.stream(utility).max().orElseThrow();
        double sum = 0;
        double[] x = new double[utility.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = StrictMath.exp(utility[k] - max);
            sum += x[k];
        }
        for (int k = 0; k < x.length; k++) {
            x[k] /= sum;
        }
        double logPartition = max + StrictMath.log(sum);
        return new Equilibrium(new double[][] {x}, x.clone(), new double[] {logPartition}, logPartition);
    }

    /** Kind 0 holds bin k at offset d when its advantage u0_k − u1_k exceeds d: monotone in d, exactly. */
    private static Equilibrium pair(double[][] u, double[] m) {
        double[] advantage = new double[u[0].length];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < advantage.length; k++) {
            advantage[k] = u[0][k] - u[1][k];
            low = Math.min(low, advantage[k]);
            high = Math.max(high, advantage[k]);
        }
        double target = StrictMath.log(m[0] / m[1]);
        // At low − 1 kind 0 holds every bin (log ratio +∞); at high kind 1 does (−∞).
        Bracket offsets = new Bracket(low - 1, high).bisect(d -> logRatio(u, advantage, d) > target);
        return split(u, advantage, m, offsets.low(), offsets.high());
    }

    /** ln(mass of kind 0 / mass of kind 1) when kind 0's offset is d. */
    private static double logRatio(double[][] u, double[] advantage, double d) {
        double shift = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < advantage.length; k++) {
            shift = Math.max(shift, advantage[k] > d ? u[0][k] - d : u[1][k]);
        }
        double zero = 0;
        double one = 0;
        for (int k = 0; k < advantage.length; k++) {
            if (advantage[k] > d) {
                zero += StrictMath.exp(u[0][k] - d - shift);
            } else {
                one += StrictMath.exp(u[1][k] - shift);
            }
        }
        return StrictMath.log(zero) - StrictMath.log(one);
    }

    /** Shares at the offset in (low, high]: bins whose advantage lies in between are tied and split. */
    private static Equilibrium split(double[][] u, double[] advantage, double[] m, double low, double high) {
        int bins = advantage.length;
        double shift = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < bins; k++) {
            shift = Math.max(shift, Math.max(u[0][k] - high, u[1][k]));
        }
        double[][] x = new double[2][bins];
        boolean[] tied = new boolean[bins];
        double zero = 0;
        double one = 0;
        double shared = 0;
        for (int k = 0; k < bins; k++) {
            if (advantage[k] > high) {
                x[0][k] = StrictMath.exp(u[0][k] - high - shift);
                zero += x[0][k];
            } else if (advantage[k] > low) {
                tied[k] = true;
                shared += StrictMath.exp(u[1][k] - shift);
            } else {
                x[1][k] = StrictMath.exp(u[1][k] - shift);
                one += x[1][k];
            }
        }
        double ratio = m[0] / m[1];
        double toZero = shared == 0 ? 0 : (ratio * (one + shared) - zero) / (shared * (1 + ratio));
        toZero = Math.max(0, Math.min(1, toZero));
        for (int k = 0; k < bins; k++) {
            if (tied[k]) {
                double mass = StrictMath.exp(u[1][k] - shift);
                x[0][k] = toZero * mass;
                x[1][k] = (1 - toZero) * mass;
            }
        }
        double massZero = zero + toZero * shared;
        double massOne = one + (1 - toZero) * shared;
        double[] total = new double[bins];
        for (int k = 0; k < bins; k++) {
            x[0][k] *= m[0] / massZero;
            x[1][k] *= m[1] / massOne;
            total[k] = x[0][k] + x[1][k];
        }
        double[] prices = {price(u[0], x[0], total), price(u[1], x[1], total)};
        return new Equilibrium(x, total, prices, potential(u, x, total));
    }

    /** C_t = u^t_k − ln ξ_k on the bin where kind t is most numerous. */
    private static double price(double[] u, double[] x, double[] total) {
        int best = 0;
        for (int k = 1; k < x.length; k++) {
            if (x[k] > x[best]) {
                best = k;
            }
        }
        return u[best] - StrictMath.log(total[best]);
    }

    /** The large-M potential per agent, φ(x) = Σ x u + H(ξ). */
    public static double potential(double[][] u, double[][] x, double[] total) {
        double value = 0;
        for (int t = 0; t < x.length; t++) {
            for (int k = 0; k < total.length; k++) {
                if (x[t][k] > 0) {
                    value += x[t][k] * u[t][k];
                }
            }
        }
        for (double xi : total) {
            if (xi > 0) {
                value -= xi * StrictMath.log(xi);
            }
        }
        return value;
    }

    /** ln Σ e^{v_k}, shifted by the largest term. */
    public static double logSumExp(double[] values) {
        double max = Arrays.stream(values).max().orElseThrow();
        double sum = 0;
        for (double v : values) {
            sum += StrictMath.exp(v - max);
        }
        return max + StrictMath.log(sum);
    }

    /**
     * φ* − φ(x) for shares x[kind][bin] (each kind summing to its share), from the large-M potential:
     * KL(ξ ‖ ξ*) + Σ x^t_k ρ^t_k (see the class comment).
     */
    public double arbitrageGap(double[][] u, double[][] x) {
        double gap = 0;
        for (int k = 0; k < total.length; k++) {
            double xi = 0;
            for (double[] kind : x) {
                xi += kind[k];
            }
            if (total[k] == 0) {
                gap += xi > 0 ? Double.POSITIVE_INFINITY : 0; // x*_k underflowed: far beyond any real gap
                continue;
            }
            // ξ ln(ξ/ξ*) − ξ + ξ*: each term ≥ 0, and near ξ* it is ξ* (e²/2 − …) without cancellation.
            double e = xi / total[k] - 1;
            gap += total[k] * (xi == 0 ? 1 : (1 + e) * StrictMath.log1p(e) - e);
            for (int t = 0; t < x.length && x.length > 1; t++) { // one kind: the regret is 0 by construction
                if (x[t][k] > 0) {
                    gap += x[t][k] * Math.max(0, StrictMath.log(total[k]) + prices[t] - u[t][k]);
                }
            }
        }
        return Math.max(0, gap);
    }

    /** μ and σ of ln w under the equilibrium's total shares. */
    public MagnitudeFit fit(Bins bins) {
        return MagnitudeFit.of(bins, total);
    }
}
