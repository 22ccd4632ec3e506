package org.jaynes.dynamics.run;

import java.util.List;
import org.jaynes.dynamics.game.MagnitudeFit;

/**
 * The monitors of a run at one moment (docs/theory.md §2.5, §6.1).
 *
 * @param time          sweeps since the start (a fraction when the run stopped within a sweep)
 * @param moves         agents moved so far (replicator: steps taken)
 * @param potential     φ per agent: exact, (Σ M^t_k u^t_k + ln(M!/Π M_k!)) / M, for agent dynamics; the
 *                      large-M Σ x u + H(x) for the replicator
 * @param arbitrageGap  φ* − φ of the large-M potential; KL(x ‖ x*) for one kind; zero at equilibrium
 * @param utilitySpread count-weighted standard deviation of h^t_k = u^t_k − ln M_k about each kind's mean
 *                      (pooled over kinds); zero at equilibrium
 * @param meanStrength  Σ_k x_k w_k, the budget spent per agent
 * @param fit           μ and σ of ln w over all agents
 * @param kindFits      μ and σ per kind (empty with one kind)
 */
public record Snapshot(double time, long moves, double potential, double arbitrageGap, double utilitySpread,
                       double meanStrength, MagnitudeFit fit, List<MagnitudeFit> kindFits) {

    public Snapshot {
        kindFits = List.copyOf(kindFits);
    }
}
