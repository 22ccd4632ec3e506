package org.jaynes.nn.warmup;

import java.util.List;

/**
 * The learned laws of a distribution-only warm-up after one of its epochs (0: at the start).
 *
 * @param epoch  0, 1, …, the warm-up's last epoch
 * @param layers one law per dense weight, in order
 */
public record WarmupRecord(int epoch, List<LayerLaw> layers) {

    public WarmupRecord {
        layers = List.copyOf(layers);
    }

    /**
     * The lattice law of one weight: w_i = s_i·exp(mu + sigma·z_i).
     *
     * @param name  the weight's name ({@code layers.0.weight})
     * @param mu    μ_l
     * @param sigma σ_l
     */
    public record LayerLaw(String name, double mu, double sigma) {
    }
}
