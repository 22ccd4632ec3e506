package org.jaynes.dynamics.game;

/**
 * The budget constraint Σ_i w_i = W of the connection game and its Lagrange multiplier: maximising the
 * potential φ under Σ_k x_k w_k = W/M is maximising φ − λ (Σ_k x_k w_k − W/M) without constraint, so each
 * agent pays the price λ per unit of strength and its utility becomes u_k − λ w_k − ln M_k. λ > 0 when
 * the budget binds below what the agents would spend freely, λ < 0 (a subsidy) when above.
 *
 * @param meanStrength W/M, the budget per agent
 * @param multiplier   λ, chosen so that the equilibrium spends exactly the budget
 */
public record Budget(double meanStrength, double multiplier) {
}
