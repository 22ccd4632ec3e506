package org.jaynes.dynamics.run;

import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.dynamics.state.Population;

/**
 * Better response: a uniformly random agent (drawn through the population's Fenwick tree) tries a
 * uniformly random other bin k and moves from its bin j if its utility rises, that is if
 * g = (u_k − ln(M_k + 1)) − (u_j − ln M_j) &gt; 0; M·φ then rises by exactly g. A revision costs two
 * generator calls and a log2(kinds · K)-step search, a move two tree updates and two logarithms; nothing
 * is allocated.
 */
public final class BetterResponseEngine extends AgentEngine {

    public BetterResponseEngine(Population population, double[][] utilities, UniformRandomProvider rng) {
        super(population, utilities, rng);
    }

    @Override
    protected long revise(long revisions) {
        final Population state = population;
        final UniformRandomProvider random = rng;
        final double[] u = utility;
        final long agents = state.agents();
        final int others = bins - 1;
        final int mask = stride - 1;
        long moved = 0;
        for (long i = 0; i < revisions; i++) {
            int slot = state.agentSlot(BoundedRandom.nextLong(random, agents));
            int from = slot & mask;
            int to = BoundedRandom.nextInt(random, others);
            if (to >= from) {
                to++;
            }
            double gain = (u[slot - from + to] - state.lnCountPlusOne(to)) - (u[slot] - state.lnCount(from));
            if (gain > 0) {
                if (listener != null) {
                    listener.moved(slot / stride, from, to, gain);
                }
                state.move(slot, to);
                moved++;
            }
        }
        return moved;
    }
}
