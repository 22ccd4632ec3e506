package org.jaynes.dynamics.run;

/**
 * A perturbation during a run: after {@code sweep} sweeps, a fraction f of every kind's agents is spread
 * evenly over the bins, x ← (1 − f) x + f / K. For counts, each bin of each kind gives up ⌊f · M^t_k⌋
 * agents and the kind's leavers are re-placed by {@link org.jaynes.dynamics.state.Apportionment} over the
 * bins alike; deterministic. The trace shows the jump of the gap and the recovery.
 *
 * @param sweep    when, in sweeps from the start (≥ 1)
 * @param fraction f in (0, 1]
 */
public record Shock(long sweep, double fraction) {

    public Shock {
        if (sweep < 1) {
            throw new IllegalArgumentException("a shock comes after at least 1 sweep, not " + sweep);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a shock moves a fraction in (0, 1] of the agents, not " + fraction);
        }
    }
}
