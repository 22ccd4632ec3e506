package org.jaynes.dynamics.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class NeuronGameTest {

    /** Φ(s) = ½ Σ_i (u_i + θ_i s_i) and E(s) = −Σ_{i<j} w s s − Σ θ s, summed differently, agree exactly. */
    @Property(tries = 300)
    void potentialIsMinusTheEnergyExactly(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        NeuronGame game = RandomGames.dyadic(n, rng);
        byte[] s = RandomGames.state(n, rng);
        assertEquals(-game.energy(s), game.potential(s), 0.0);
    }

    /** For arbitrary doubles the two sums differ by rounding only: a few ulps of Σ|w|. */
    @Property(tries = 200)
    void potentialIsMinusTheEnergyToRoundingForGaussianCouplings(@ForAll long seed,
                                                                  @ForAll @IntRange(min = 1, max = 80) int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        NeuronGame game = RandomGames.gaussian(n, 1, 1, rng);
        byte[] s = RandomGames.state(n, rng);
        double scale = 0;
        for (double w : game.weights()) {
            scale += Math.abs(w);
        }
        assertEquals(-game.energy(s), game.potential(s), 1e-14 * (scale + n) * n);
    }

    /** The game is an exact potential game: a flip changes Φ by exactly the flipper's utility change. */
    @Property(tries = 300)
    void aFlipChangesThePotentialByTheFlippersUtilityChange(@ForAll long seed,
                                                            @ForAll @IntRange(min = 1, max = 40) int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        NeuronGame game = RandomGames.dyadic(n, rng);
        byte[] s = RandomGames.state(n, rng);
        int i = rng.nextInt(n);
        double before = game.potential(s);
        double utilityBefore = game.utility(s, i);
        double predicted = game.flipGain(s, i);
        s[i] = (byte) -s[i];
        assertEquals(game.utility(s, i) - utilityBefore, game.potential(s) - before, 0.0);
        assertEquals(predicted, game.potential(s) - before, 0.0);
    }

    @Test
    void aTwoNeuronGameByHand() {
        NeuronGame game = NeuronGame.of(new double[] {0, 1.5, 1.5, 0}, new double[] {0.25, -0.5});
        byte[] s = {1, -1};
        // Φ = ½ (w12 + w21) s1 s2 + θ1 s1 + θ2 s2 = −1.5 + 0.25 + 0.5
        assertEquals(-0.75, game.potential(s), 0.0);
        assertEquals(0.75, game.energy(s), 0.0);
        assertEquals(-1.5 + 0.25, game.utility(s, 0), 0.0);
        assertTrue(!game.isNashEquilibrium(s));
        assertTrue(game.isNashEquilibrium(new byte[] {1, 1}));
    }

    @Test
    void badCouplingsAreRefusedNamingTheEntry() {
        IllegalArgumentException asymmetric = assertThrows(IllegalArgumentException.class,
                () -> NeuronGame.of(new double[] {0, 1, 2, 0}, new double[2]));
        assertEquals("the couplings must be symmetric: w[0][1] = 1.0 but w[1][0] = 2.0", asymmetric.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NeuronGame.of(new double[] {1, 0, 0, 0}, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> NeuronGame.of(new double[3], new double[2]));
        assertThrows(IllegalArgumentException.class,
                () -> NeuronGame.of(new double[] {0, Double.NaN, Double.NaN, 0}, new double[2]));
        NeuronGame game = NeuronGame.of(new double[4], new double[2]);
        assertThrows(IllegalArgumentException.class, () -> game.potential(new byte[] {1, 0}));
    }
}
