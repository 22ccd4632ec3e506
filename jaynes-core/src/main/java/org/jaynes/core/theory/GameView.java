package org.jaynes.core.theory;

import java.io.Serializable;

/**
 * A layer seen as the connection game of docs/theory.md §2: the effective utility of each occupied bin,
 * h_k = α ln w_k − β (ln w_k)² − ln M_k, with (α, β) those of the fitted lognormal; its count-weighted
 * standard deviation over occupied bins (zero at arbitrage equilibrium); and the arbitrage gap
 * φ(x*) − φ(x) = KL(x ‖ x*) = Σ x_k ln(x_k / x*_k), where x*_k ∝ exp(u_k) over the same bins is the
 * equilibrium of the large-M potential. Both are zero exactly when the layer is at equilibrium.
 *
 * @param game           the coefficients used
 * @param utilities      h_k per bin; NaN for empty bins
 * @param utilitySpread  count-weighted standard deviation of h_k over occupied bins
 * @param arbitrageGap   KL(x ‖ x*) in nats
 */
public record GameView(GameParameters game, double[] utilities, double utilitySpread, double arbitrageGap)
        implements Serializable {

    /**
     * The game view of binned magnitudes.
     *
     * @param lnScale ln c of the normalisation (docs/theory.md §2.7) the coefficients refer to: the bins' ln w is
     *                shifted by it, which changes α but neither the spread nor the gap
     */
    public static GameView of(MagnitudeBins bins, GameParameters game, double lnScale) {
        int k = bins.size();
        double[] potential = new double[k];
        double maxPotential = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            potential[i] = game.utility(bins.lnCentre(i) - lnScale);
            maxPotential = Math.max(maxPotential, potential[i]);
        }
        double partition = 0;
        for (int i = 0; i < k; i++) {
            partition += Math.exp(potential[i] - maxPotential);
        }
        double logPartition = maxPotential + Math.log(partition);

        double[] utilities = new double[k];
        double gap = 0;
        double mean = 0;
        for (int i = 0; i < k; i++) {
            long m = bins.counts()[i];
            if (m == 0) {
                utilities[i] = Double.NaN;
                continue;
            }
            utilities[i] = potential[i] - Math.log(m);
            double x = bins.share(i);
            gap += x * (Math.log(x) - (potential[i] - logPartition));
            mean += x * utilities[i];
        }
        double variance = 0;
        for (int i = 0; i < k; i++) {
            if (bins.counts()[i] != 0) {
                double d = utilities[i] - mean;
                variance += bins.share(i) * d * d;
            }
        }
        return new GameView(game, utilities, Math.sqrt(variance), Math.max(0, gap));
    }
}
