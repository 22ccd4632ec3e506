package org.jaynes.dynamics.run;

import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.dynamics.state.Population;

/**
 * Logit (log-linear) revision at temperature T: a uniformly random agent of kind t in bin j takes bin k
 * with probability ∝ exp(v_k / T), where v_k = u^t_k − ln(M_k + 1) for k ≠ j and v_j = u^t_j − ln M_j are
 * the utilities it would have in each bin. Its stationary law over agent profiles is ∝ exp(M·φ / T), so
 * for large M the shares settle at x^T ∝ exp(u / (1 + T)) (one kind), x* as T → 0.
 *
 * <p>Implementation: per kind, the weights of entering each bin, ω_k = exp((v_k − ref) / T), are cached
 * and changed only for the two bins of a move (2 · kinds exponentials). A revision sums the K weights
 * afresh (so nothing drifts), puts the agent's own staying weight in place of its bin's, and walks the
 * weights to the drawn one: O(K) additions and one exponential. ref is the largest entering utility at
 * the last reset; it is reset (O(K) exponentials) when the largest weight falls below 1e-100 or a new one
 * would pass e^600, so weights never overflow and only choices less likely than about e^-500 relative to
 * the best one are lost to underflow. An agent whose staying weight would pass e^600 stays (the chance of
 * leaving is below K e^-600).
 */
public final class LogitEngine extends AgentEngine {

    private static final double MAX_EXPONENT = 600;
    private static final double MIN_WEIGHT = 1e-100;

    private final double temperature;
    private final double[][] weight;
    private final double[] reference;

    public LogitEngine(Population population, double[][] utilities, UniformRandomProvider rng, double temperature) {
        super(population, utilities, rng);
        this.temperature = temperature;
        this.weight = new double[utilities.length][bins];
        this.reference = new double[utilities.length];
        countsReplaced();
    }

    @Override
    protected void countsReplaced() {
        for (int t = 0; t < weight.length; t++) {
            rebase(t);
        }
    }

    /** ref = the largest utility of entering a bin; the best weight becomes 1. */
    private void rebase(int kind) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < bins; k++) {
            max = Math.max(max, utilities[kind][k] - population.lnCountPlusOne(k));
        }
        reference[kind] = max;
        for (int k = 0; k < bins; k++) {
            weight[kind][k] = StrictMath.exp((utilities[kind][k] - population.lnCountPlusOne(k) - max) / temperature);
        }
    }

    @Override
    protected long revise(long revisions) {
        final Population state = population;
        final long agents = state.agents();
        final int mask = stride - 1;
        long moved = 0;
        for (long i = 0; i < revisions; i++) {
            int slot = state.agentSlot(BoundedRandom.nextLong(rng, agents));
            int from = slot & mask;
            int kind = slot / stride;
            double[] w = weight[kind];
            double sum = 0;
            double largest = 0;
            for (int k = 0; k < bins; k++) {
                sum += w[k];
                largest = Math.max(largest, w[k]);
            }
            if (largest < MIN_WEIGHT) {
                rebase(kind);
                sum = 0;
                for (int k = 0; k < bins; k++) {
                    sum += w[k];
                }
            }
            double stay = exponent(kind, utility[slot] - state.lnCount(from));
            if (stay > MAX_EXPONENT) {
                continue;
            }
            double own = StrictMath.exp(stay);
            sum += own - w[from];
            double r = rng.nextDouble() * sum;
            int to = -1;
            int last = from;
            for (int k = 0; k < bins; k++) {
                double wk = k == from ? own : w[k];
                if (wk > 0) {
                    last = k;
                }
                r -= wk;
                if (r < 0) {
                    to = k;
                    break;
                }
            }
            if (to < 0) {
                to = last; // r survived the walk by rounding: the last bin with a weight
            }
            if (to == from) {
                continue;
            }
            if (listener != null) {
                listener.moved(kind, from, to, (utility[slot - from + to] - state.lnCountPlusOne(to))
                        - (utility[slot] - state.lnCount(from)));
            }
            state.move(slot, to);
            refresh(from);
            refresh(to);
            moved++;
        }
        return moved;
    }

    private double exponent(int kind, double value) {
        return (value - reference[kind]) / temperature;
    }

    private void refresh(int bin) {
        double competition = population.lnCountPlusOne(bin);
        for (int t = 0; t < weight.length; t++) {
            double e = exponent(t, utilities[t][bin] - competition);
            if (e > MAX_EXPONENT) {
                rebase(t);
            } else {
                weight[t][bin] = StrictMath.exp(e);
            }
        }
    }
}
