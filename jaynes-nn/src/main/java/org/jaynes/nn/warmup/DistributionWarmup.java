package org.jaynes.nn.warmup;

import java.util.ArrayList;
import java.util.List;
import org.jaynes.nn.init.SignedLognormal;
import org.jaynes.nn.layer.Parameter;
import org.jaynes.nn.layer.WeightedLayer;
import org.jaynes.nn.optim.Optimizer;
import org.jaynes.nn.optim.OptimizerOptions;

/**
 * The distribution-only warm-up of a network: every weight (dense and convolutional) on its
 * {@link QuantileLattice}, so that a step learns only each layer's (μ_l, σ_l) and the biases.
 *
 * <p>A step, after the backward pass has set dL/dw: (μ, σ) gradients by the chain rule, one update of
 * (μ, σ) by the run's rule without weight decay (decay is a penalty on w, not on its law's parameters),
 * one update of the biases by the run's rule as it is, then every weight rewritten from its new law.
 * When the warm-up ends the trainer starts a fresh optimizer over all parameters, so the free phase
 * begins with Adam's moments at zero as any run does. Not thread-safe.
 */
public final class DistributionWarmup {

    private final List<QuantileLattice> lattices;
    private final Optimizer laws;
    private final Optimizer biases;

    private DistributionWarmup(List<QuantileLattice> lattices, Optimizer laws, Optimizer biases) {
        this.lattices = List.copyOf(lattices);
        this.laws = laws;
        this.biases = biases;
    }

    /**
     * Puts each layer's weight on the lattice of its initial draw with the law {@code initial.get(l)}.
     *
     * @param layers  the weight layers (dense and convolutional), their weights freshly drawn
     * @param initial one law per layer
     * @param rule    the run's update rule
     */
    public static DistributionWarmup start(List<WeightedLayer> layers, List<SignedLognormal> initial,
                                           OptimizerOptions rule) {
        if (layers.size() != initial.size()) {
            throw new IllegalArgumentException(layers.size() + " layers but " + initial.size() + " laws");
        }
        List<QuantileLattice> lattices = new ArrayList<>();
        List<Parameter> lawParameters = new ArrayList<>();
        List<Parameter> biasParameters = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            QuantileLattice lattice = QuantileLattice.of(layers.get(l).weight(), initial.get(l));
            lattices.add(lattice);
            lawParameters.add(lattice.law());
            biasParameters.add(layers.get(l).bias());
        }
        return new DistributionWarmup(lattices, new Optimizer(rule.withWeightDecay(0), lawParameters),
                new Optimizer(rule, biasParameters));
    }

    /** The lattices, one per layer, in order. */
    public List<QuantileLattice> lattices() {
        return lattices;
    }

    /** One update from the gradients of the last backward pass. */
    public void step() {
        for (QuantileLattice lattice : lattices) {
            lattice.chainRule();
        }
        laws.step();
        biases.step();
        for (QuantileLattice lattice : lattices) {
            lattice.afterUpdate();
        }
    }

    /** Each layer's law now, for the record after an epoch. */
    public WarmupRecord record(int epoch) {
        List<WarmupRecord.LayerLaw> layers = new ArrayList<>();
        for (QuantileLattice lattice : lattices) {
            layers.add(new WarmupRecord.LayerLaw(lattice.weight().name(), lattice.mu(), lattice.sigma()));
        }
        return new WarmupRecord(epoch, layers);
    }
}
