package org.jaynes.dynamics.game;

import org.jaynes.core.theory.GameParameters;

/**
 * Agents of one kind in the connection game: their benefit and cost coefficients (α, β) and their share
 * of all M agents. Agents of different kinds compete for the same bins: the competition term −ln M_k
 * counts every agent in bin k, whatever its kind.
 *
 * @param game  (α, β) and the bin convention they refer to
 * @param share the fraction of all agents, in (0, 1]
 */
public record SubPopulation(GameParameters game, double share) {

    public SubPopulation {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a sub-population's share must be in (0, 1], not " + share);
        }
        if (!(Double.isFinite(game.alpha()) && Double.isFinite(game.beta()))) {
            throw new IllegalArgumentException("alpha and beta must be finite, not " + game.alpha() + " and "
                    + game.beta());
        }
    }

    /** All agents of one kind. */
    public static SubPopulation of(GameParameters game) {
        return new SubPopulation(game, 1);
    }
}
