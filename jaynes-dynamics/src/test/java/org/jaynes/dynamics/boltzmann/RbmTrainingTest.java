package org.jaynes.dynamics.boltzmann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.dynamics.neurons.NeuronGame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RbmTrainingTest {

    private static final BinaryData BARS = BarsAndStripes.generate(4, 600, RandomSource.XO_RO_SHI_RO_128_PP.create(1));

    /** CD-1 and PCD-1 on 4 × 4 bars and stripes: the reconstruction error and the pseudo-likelihood improve. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void reconstructionErrorFallsOnBarsAndStripes(boolean persistent) {
        RbmResult result = RbmTraining.train(BARS, RbmOptions.DEFAULTS.withHidden(16).withEpochs(30)
                .withBatchSize(10).withLearningRate(0.1).withPersistent(persistent).withEvaluation(600),
                RbmTraining.Progress.NONE);
        List<RbmResult.Epoch> curve = result.epochs();
        assertEquals(31, curve.size());
        double first = curve.get(0).reconstructionError();
        double last = curve.get(30).reconstructionError();
        assertTrue(last < 0.5 * first, "reconstruction error " + first + " -> " + last);
        assertTrue(curve.get(10).reconstructionError() < first);
        assertTrue(curve.get(30).pseudoLikelihood() > curve.get(0).pseudoLikelihood(), curve.toString());
    }

    @Test
    void theSameSeedGivesTheSameMachineBitForBit() {
        RbmOptions options = RbmOptions.DEFAULTS.withHidden(8).withEpochs(3).withSeed(5);
        RbmResult a = RbmTraining.train(BARS, options, RbmTraining.Progress.NONE);
        RbmResult b = RbmTraining.train(BARS, options, RbmTraining.Progress.NONE);
        assertArrayEquals(a.machine().weights(), b.machine().weights());
        assertEquals(a.epochs(), b.epochs());
    }

    /** −E_RBM(v, h) = Φ(2v − 1, 2h − 1) + c: the machine is the neuron game on a bipartite graph. */
    @Test
    void theMachineIsABipartiteNeuronGame() {
        RbmResult result = RbmTraining.train(BARS, RbmOptions.DEFAULTS.withHidden(6).withEpochs(2),
                RbmTraining.Progress.NONE);
        RestrictedBoltzmannMachine rbm = result.machine();
        NeuronGame game = rbm.toNeuronGame();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        for (int t = 0; t < 100; t++) {
            double[] v = new double[rbm.visible()];
            double[] h = new double[rbm.hidden()];
            byte[] s = new byte[rbm.visible() + rbm.hidden()];
            for (int i = 0; i < s.length; i++) {
                boolean on = rng.nextBoolean();
                s[i] = on ? (byte) 1 : (byte) -1;
                if (i < v.length) {
                    v[i] = on ? 1 : 0;
                } else {
                    h[i - v.length] = on ? 1 : 0;
                }
            }
            assertEquals(-rbm.energy(v, h), game.potential(s) + rbm.gameOffset(), 1e-12);
        }
    }

    /** The pseudo-likelihood by its definition, ln P(v_i | v_−i) from the free energies, on a tiny machine. */
    @Test
    void pseudoLikelihoodMatchesFreeEnergies() {
        RestrictedBoltzmannMachine rbm = RbmTraining.train(BARS, RbmOptions.DEFAULTS.withHidden(5).withEpochs(1),
                RbmTraining.Progress.NONE).machine();
        double[] v = new double[16];
        for (int i = 0; i < 16; i += 3) {
            v[i] = 1;
        }
        double expected = 0;
        for (int i = 0; i < 16; i++) {
            double[] flipped = v.clone();
            flipped[i] = 1 - flipped[i];
            double diff = freeEnergy(rbm, flipped) - freeEnergy(rbm, v);
            expected += Math.log(1 / (1 + Math.exp(-diff)));
        }
        assertEquals(expected / 16, rbm.pseudoLogLikelihood(v, new double[5]), 1e-12);
    }

    private static double freeEnergy(RestrictedBoltzmannMachine rbm, double[] v) {
        double[] w = rbm.weights();
        double f = 0;
        for (int i = 0; i < v.length; i++) {
            f -= rbm.visibleBias()[i] * v[i];
        }
        for (int j = 0; j < rbm.hidden(); j++) {
            double x = rbm.hiddenBias()[j];
            for (int i = 0; i < v.length; i++) {
                x += v[i] * w[i * rbm.hidden() + j];
            }
            f -= Math.log1p(Math.exp(x));
        }
        return f;
    }
}
