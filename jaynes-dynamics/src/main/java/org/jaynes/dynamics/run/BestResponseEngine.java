package org.jaynes.dynamics.run;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.dynamics.state.ArgmaxTree;
import org.jaynes.dynamics.state.Population;

/**
 * Best response: a uniformly random agent of kind t in bin j moves to the bin k that maximises the
 * utility it would have there, u^t_k − ln(M_k + 1), if that beats staying, u^t_j − ln M_j. One
 * {@link ArgmaxTree} per kind keeps the best bin to enter, so a revision costs O(log K) and a move
 * O(kinds · log K). When the best bin to enter is the agent's own bin the agent stays: entering its own
 * bin is worse than staying, and no other bin beats it.
 */
public final class BestResponseEngine extends AgentEngine {

    private final double[][] entering;
    private final ArgmaxTree[] best;

    public BestResponseEngine(Population population, double[][] utilities, UniformRandomProvider rng) {
        super(population, utilities, rng);
        entering = new double[utilities.length][stride];
        best = new ArgmaxTree[utilities.length];
        for (int t = 0; t < utilities.length; t++) {
            Arrays.fill(entering[t], Double.NEGATIVE_INFINITY);
            best[t] = new ArgmaxTree(entering[t]);
        }
        countsReplaced();
    }

    @Override
    protected void countsReplaced() {
        for (int t = 0; t < entering.length; t++) {
            for (int k = 0; k < bins; k++) {
                entering[t][k] = utilities[t][k] - population.lnCountPlusOne(k);
            }
            best[t].rebuild();
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
            int to = best[kind].argmax();
            if (to == from) {
                continue;
            }
            double gain = entering[kind][to] - (utility[slot] - state.lnCount(from));
            if (gain > 0) {
                if (listener != null) {
                    listener.moved(kind, from, to, gain);
                }
                state.move(slot, to);
                refresh(from);
                refresh(to);
                moved++;
            }
        }
        return moved;
    }

    private void refresh(int bin) {
        double competition = population.lnCountPlusOne(bin);
        for (int t = 0; t < entering.length; t++) {
            entering[t][bin] = utilities[t][bin] - competition;
            best[t].update(bin);
        }
    }
}
