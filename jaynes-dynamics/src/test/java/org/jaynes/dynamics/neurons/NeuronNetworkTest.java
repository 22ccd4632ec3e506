package org.jaynes.dynamics.neurons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.dynamics.run.Dynamics;
import org.junit.jupiter.api.Test;

class NeuronNetworkTest {

    /**
     * Asynchronous best response never lowers Φ (checked after every single flip, exactly: dyadic couplings),
     * and where it stops no neuron gains by flipping: a Nash equilibrium.
     */
    @Property(tries = 200)
    void bestResponseNeverLowersThePotentialAndEndsInANashEquilibrium(@ForAll long seed,
                                                                     @ForAll @IntRange(min = 1, max = 50) int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        NeuronGame game = RandomGames.dyadic(n, rng);
        byte[] s = RandomGames.state(n, rng);
        double potential = game.potential(s);
        boolean moved = true;
        int sweeps = 0;
        while (moved) {
            moved = false;
            for (int i = 0; i < n; i++) {
                if (game.utility(s, i) < 0) { // best response of neuron i: s_i <- sign h_i
                    s[i] = (byte) -s[i];
                    double next = game.potential(s);
                    assertTrue(next > potential, "a flip lowered the potential from " + potential + " to " + next);
                    potential = next;
                    moved = true;
                }
            }
            sweeps++;
            assertTrue(sweeps < 100_000, "no convergence");
        }
        assertTrue(game.isNashEquilibrium(s));
        for (int i = 0; i < n; i++) {
            assertTrue(game.flipGain(s, i) <= 0, "neuron " + i + " gains by flipping");
        }
    }

    /** The same through the engine and its kept fields: the trace never rises in energy, the end is Nash. */
    @Property(tries = 100)
    void theEnginesRelaxationIsMonotoneAndEndsInANashEquilibrium(@ForAll long seed,
                                                                 @ForAll @IntRange(min = 2, max = 120) int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        NeuronGame game = RandomGames.gaussian(n, 1, 0.5, rng);
        NeuronNetwork network = new NeuronNetwork(game, RandomGames.state(n, rng), rng);
        Relaxation run = network.relax(UpdateOrder.ASYNCHRONOUS, 10_000);
        assertEquals(Relaxation.End.FIXED_POINT, run.end());
        double[] trace = run.energyTrace();
        for (int k = 1; k < trace.length; k++) {
            assertTrue(trace[k] <= trace[k - 1] + 1e-9 * n * n, "energy rose at sweep " + k);
        }
        assertTrue(game.isNashEquilibrium(run.state()));
        assertEquals(game.energy(run.state()), run.energy(), 1e-9 * n * n);
    }

    @Test
    void keptFieldsMatchTheGameAfterManyFlips() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        NeuronGame game = RandomGames.dyadic(30, rng);
        NeuronNetwork network = new NeuronNetwork(game, RandomGames.state(30, rng), rng);
        for (int k = 0; k < 50; k++) {
            network.gibbsSweep(2.0);
        }
        byte[] s = network.state();
        for (int i = 0; i < 30; i++) {
            assertEquals(game.localField(s, i), network.field(i), 0.0); // dyadic: every update exact
        }
        assertEquals(game.energy(s), network.energy(), 0.0);
    }

    @Test
    void synchronousUpdatesCanCycleWhereAsynchronousOnesSettle() {
        // Two neurons that want to agree, started apart: both flip at once, forever.
        NeuronGame game = NeuronGame.of(new double[] {0, 1, 1, 0}, new double[2]);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1);
        Relaxation sync = new NeuronNetwork(game, new byte[] {1, -1}, rng).relax(UpdateOrder.SYNCHRONOUS, 10);
        assertEquals(Relaxation.End.TWO_CYCLE, sync.end());
        Relaxation async = new NeuronNetwork(game, new byte[] {1, -1}, rng).relax(UpdateOrder.ASYNCHRONOUS, 10);
        assertEquals(Relaxation.End.FIXED_POINT, async.end());
        assertEquals(-1, async.energy(), 0.0);
    }

    @Test
    void theReplicatorHasNoMeaningForSingleNeurons() {
        NeuronNetwork network = new NeuronNetwork(NeuronGame.of(new double[4]), new byte[] {1, 1},
                RandomSource.XO_RO_SHI_RO_128_PP.create(1));
        assertThrows(IllegalArgumentException.class, () -> network.sweep(new Dynamics.Replicator(0.1)));
    }

    @Test
    void theSameSeedGivesTheSameGibbsChain() {
        NeuronGame game = RandomGames.gaussian(40, 0.3, 0.1, RandomSource.XO_RO_SHI_RO_128_PP.create(9));
        byte[] start = RandomGames.state(40, RandomSource.XO_RO_SHI_RO_128_PP.create(10));
        NeuronNetwork a = new NeuronNetwork(game, start, RandomSource.XO_RO_SHI_RO_128_PP.create(11));
        NeuronNetwork b = new NeuronNetwork(game, start, RandomSource.XO_RO_SHI_RO_128_PP.create(11));
        for (int k = 0; k < 100; k++) {
            a.sweep(new Dynamics.Logit(0.7));
            b.sweep(new Dynamics.Logit(0.7));
        }
        assertArrayEquals(a.state(), b.state());
    }
}
