package org.jaynes.dynamics.boltzmann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.dynamics.neurons.NeuronGame;
import org.jaynes.dynamics.neurons.NeuronNetwork;
import org.jaynes.dynamics.neurons.UpdateOrder;
import org.junit.jupiter.api.Test;

class AnnealingTest {

    /** An SK spin glass, w ~ N(0, 1/N): annealing ends in a Nash equilibrium below the average quench. */
    @Test
    void aScheduleIsParsedFromItsThreeParts() {
        assertEquals(new AnnealingSchedule(3, 0.05, 200), AnnealingSchedule.parse("3:0.05:200"));
        for (String bad : new String[] {"1:2", "3:0.05:200:1", "a:b:c", "3:0.05:2.5", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnnealingSchedule.parse(bad));
            assertEquals("must be T0:T1:SWEEPS, e.g. 3:0.05:200, not '" + bad + "'", e.getMessage());
        }
        IllegalArgumentException hotter = assertThrows(IllegalArgumentException.class,
                () -> AnnealingSchedule.parse("1:2:10"));
        assertTrue(hotter.getMessage().startsWith("is not a schedule: the schedule needs 0 < final <= initial"),
                hotter.getMessage());
    }

    @Test
    void annealingFindsLowerEnergyThanAQuench() {
        int n = 100;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double g = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
                w[i * n + j] = g / Math.sqrt(n);
                w[j * n + i] = w[i * n + j];
            }
        }
        NeuronGame game = NeuronGame.of(w);
        byte[] start = new byte[n];
        java.util.Arrays.fill(start, (byte) 1);
        double quench = 0;
        int quenches = 20;
        for (int k = 0; k < quenches; k++) {
            byte[] s = new byte[n];
            for (int i = 0; i < n; i++) {
                s[i] = rng.nextBoolean() ? (byte) 1 : (byte) -1;
            }
            quench += new NeuronNetwork(game, s, rng).relax(UpdateOrder.ASYNCHRONOUS, 10_000).energy();
        }
        quench /= quenches;
        Annealing.Result annealed = Annealing.run(game, start, new AnnealingSchedule(2, 0.05, 300), rng);
        assertTrue(game.isNashEquilibrium(annealed.state()));
        assertEquals(300, annealed.energyTrace().length);
        assertEquals(2, annealed.temperatures()[0], 1e-12);
        assertEquals(0.05, annealed.temperatures()[299], 1e-12);
        assertTrue(annealed.energy() < quench, "annealed " + annealed.energy() + ", mean quench " + quench);
    }
}
