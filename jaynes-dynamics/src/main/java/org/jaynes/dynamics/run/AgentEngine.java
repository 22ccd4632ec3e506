package org.jaynes.dynamics.run;

import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.dynamics.game.Potential;
import org.jaynes.dynamics.state.Population;

/**
 * An agent dynamics on the counts of a {@link Population}: one revision draws a uniformly random agent
 * and lets it choose a bin by the subclass's rule. Utilities u^t_k are kept flat by slot (kind · stride +
 * bin), padded with −∞, so the hot loops index one array. Not thread-safe.
 */
public abstract sealed class AgentEngine permits BetterResponseEngine, BestResponseEngine, LogitEngine {

    protected final Population population;
    protected final UniformRandomProvider rng;
    protected final double[] utility;
    protected final double[][] utilities;
    protected final int bins;
    protected final int stride;
    protected MoveListener listener;
    private long moves;

    protected AgentEngine(Population population, double[][] utilities, UniformRandomProvider rng) {
        this.population = population;
        this.rng = rng;
        this.bins = population.bins();
        this.stride = population.stride();
        this.utilities = utilities;
        this.utility = new double[population.kinds() * stride];
        java.util.Arrays.fill(utility, Double.NEGATIVE_INFINITY);
        for (int t = 0; t < utilities.length; t++) {
            System.arraycopy(utilities[t], 0, utility, t * stride, bins);
        }
    }

    /** Makes {@code revisions} revisions and returns how many of them moved an agent. */
    public final long run(long revisions) {
        long moved = revise(revisions);
        moves += moved;
        return moved;
    }

    /** The subclass's loop: {@code revisions} revisions, returning the number of moves. */
    protected abstract long revise(long revisions);

    /** Called after the counts changed other than by {@link Population#move} (a shock). */
    protected void countsReplaced() {
    }

    /** Sets (or clears, with null) the listener told of every move. */
    public void listener(MoveListener listener) {
        this.listener = listener;
    }

    /** Moves made since the start. */
    public long moves() {
        return moves;
    }

    public Population population() {
        return population;
    }

    /** Replaces the counts, e.g. after a shock. */
    public void replace(long[][] counts) {
        population.set(counts);
        countsReplaced();
    }

    /** M·φ of the current counts. */
    public double potential() {
        return Potential.exact(population.counts(), utilities, bins);
    }

    /**
     * Whether some agent would gain by moving: per kind, the best and second-best bins to enter against the
     * worst occupied bin to leave, O(kinds · K).
     */
    public boolean hasImprovingMove() {
        for (int t = 0; t < utilities.length; t++) {
            double[] u = utilities[t];
            int best = -1;
            int second = -1;
            for (int k = 0; k < bins; k++) {
                double enter = u[k] - population.lnCountPlusOne(k);
                if (best < 0 || enter > u[best] - population.lnCountPlusOne(best)) {
                    second = best;
                    best = k;
                } else if (second < 0 || enter > u[second] - population.lnCountPlusOne(second)) {
                    second = k;
                }
            }
            for (int j = 0; j < bins; j++) {
                if (population.count(t, j) == 0) {
                    continue;
                }
                int to = best != j ? best : second;
                double gain = (u[to] - population.lnCountPlusOne(to)) - (u[j] - population.lnCount(j));
                if (gain > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
