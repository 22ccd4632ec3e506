package org.jaynes.dynamics.boltzmann;

import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.dynamics.neurons.NeuronGame;
import org.jaynes.dynamics.neurons.NeuronNetwork;
import org.jaynes.dynamics.neurons.Relaxation;
import org.jaynes.dynamics.neurons.UpdateOrder;

/**
 * Simulated annealing of the neuron game (Kirkpatrick, Gelatt and Vecchi 1983, doi:10.1126/science.220.4598.671):
 * Gibbs sweeps (logit response) at the temperatures of a schedule, then best response at T = 0 until a fixed
 * point, so the result is always a Nash equilibrium of the game, a local maximum of Φ. Deterministic given
 * the generator. Cost: (K + relaxation sweeps) · N · (N for each flip).
 */
public final class Annealing {

    /**
     * The outcome.
     *
     * @param state        the final fixed point
     * @param temperatures T per annealing sweep
     * @param energyTrace  E after each annealing sweep
     * @param quench       the final T = 0 relaxation
     */
    public record Result(byte[] state, double[] temperatures, double[] energyTrace, Relaxation quench) {

        /** The final energy, at the fixed point. */
        public double energy() {
            return quench.energy();
        }
    }

    private Annealing() {
    }

    public static Result run(NeuronGame game, byte[] start, AnnealingSchedule schedule, UniformRandomProvider rng) {
        NeuronNetwork network = new NeuronNetwork(game, start, rng);
        double[] temperatures = new double[schedule.sweeps()];
        double[] energy = new double[schedule.sweeps()];
        for (int k = 0; k < schedule.sweeps(); k++) {
            temperatures[k] = schedule.temperature(k);
            network.gibbsSweep(temperatures[k]);
            energy[k] = network.energy();
        }
        Relaxation quench = network.relax(UpdateOrder.ASYNCHRONOUS, Integer.MAX_VALUE - 1);
        return new Result(quench.state(), temperatures, energy, quench);
    }
}
