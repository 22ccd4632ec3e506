package org.jaynes.dynamics.game;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jaynes.core.theory.GameParameters;

/**
 * The connection game of docs/theory.md §2 on a grid of strengths: an agent of kind t in bin k earns
 * <pre>
 *   h^t_k = u^t_k − ln M_k,   u^t_k = α_t ln w_k − β_t (ln w_k)² − λ w_k,
 * </pre>
 * where M_k counts every agent in bin k and λ is the price of the budget (0 without one). The game is
 * exact for any number of agents M: its potential is
 * M·φ = Σ_{t,k} M^t_k u^t_k + ln(M! / Π_k M_k!) ({@link Potential}), which rises by exactly an agent's utility
 * gain whenever it changes bin. Immutable; the utilities are computed once.
 *
 * @param bins        the strengths
 * @param populations one or two kinds of agents, shares summing to 1
 * @param budget      the budget constraint and its multiplier, if any
 */
public record Game(Bins bins, List<SubPopulation> populations, Optional<Budget> budget) {

    /** The game of the examples: α = 12, β = 2, whose equilibrium is LN(3, 0.5) with bins equal in ln w. */
    public static final GameParameters DEFAULT_PARAMETERS = new GameParameters(12, 2,
            org.jaynes.core.theory.BinConvention.LOG);

    private static final double SHARE_TOLERANCE = 1e-12;

    public Game {
        populations = List.copyOf(populations);
        if (populations.isEmpty() || populations.size() > 2) {
            throw new IllegalArgumentException("a game has 1 or 2 kinds of agents, not " + populations.size());
        }
        double shares = 0;
        for (SubPopulation population : populations) {
            if (population.game().convention() != bins.convention()) {
                throw new IllegalArgumentException("the coefficients refer to " + population.game().convention()
                        .description() + " but the grid has " + bins.convention().description());
            }
            shares += population.share();
        }
        if (Math.abs(shares - 1) > SHARE_TOLERANCE) {
            throw new IllegalArgumentException("the kinds' shares must add up to 1, not " + shares);
        }
    }

    /** One kind of agents, no budget. */
    public static Game of(Bins bins, GameParameters game) {
        return new Game(bins, List.of(SubPopulation.of(game)), Optional.empty());
    }

    public int kinds() {
        return populations.size();
    }

    /** m_t, the share of kind t. */
    public double[] kindShares() {
        return populations.stream().mapToDouble(SubPopulation::share).toArray();
    }

    /** λ, or 0 without a budget. */
    public double multiplier() {
        return budget.map(Budget::multiplier).orElse(0.0);
    }

    /** u^t_k, [kind][bin]: the utility without the competition term. */
    public double[][] utilities() {
        return utilities(multiplier());
    }

    private double[][] utilities(double lambda) {
        double[][] u = new double[kinds()][bins.size()];
        for (int t = 0; t < u.length; t++) {
            GameParameters game = populations.get(t).game();
            for (int k = 0; k < bins.size(); k++) {
                u[t][k] = game.utility(bins.lnStrength(k)) - (lambda == 0 ? 0 : lambda * bins.strength(k));
            }
        }
        return u;
    }

    /** The arbitrage equilibrium for many agents. */
    public Equilibrium equilibrium() {
        return Equilibrium.of(utilities(), kindShares());
    }

    /**
     * The same game under the budget Σ w = M · meanStrength: λ is found by bisection, to adjacent doubles,
     * so that the equilibrium's mean strength Σ_k ξ*_k w_k (which falls as λ rises) equals the budget.
     *
     * @throws IllegalArgumentException unless w_min < meanStrength < w_max
     */
    public Game withBudget(double meanStrength) {
        if (!(meanStrength > bins.minStrength() && meanStrength < bins.maxStrength())) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a budget of %.6g per agent cannot be "
                    + "spent on strengths from %.6g to %.6g", meanStrength, bins.minStrength(), bins.maxStrength()));
        }
        double low = -1 / meanStrength;
        double high = 1 / meanStrength;
        for (int i = 0; i < Bracket.STEPS && spend(low) <= meanStrength; i++) {
            low *= 2;
        }
        for (int i = 0; i < Bracket.STEPS && spend(high) >= meanStrength; i++) {
            high *= 2;
        }
        Bracket prices = new Bracket(low, high).bisect(price -> spend(price) > meanStrength);
        double lambda = Math.abs(spend(prices.low()) - meanStrength) < Math.abs(spend(prices.high()) - meanStrength)
                ? prices.low() : prices.high();
        return new Game(bins, populations, Optional.of(new Budget(meanStrength, lambda)));
    }

    /** Σ_k ξ*_k w_k at price λ. */
    private double spend(double lambda) {
        double[] total = Equilibrium.of(utilities(lambda), kindShares()).total();
        double mean = 0;
        for (int k = 0; k < total.length; k++) {
            mean += total[k] * bins.strength(k);
        }
        return mean;
    }
}
