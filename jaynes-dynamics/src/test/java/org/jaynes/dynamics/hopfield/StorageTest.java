package org.jaynes.dynamics.hopfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.dynamics.neurons.NeuronGame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageTest {

    /**
     * Hebbian storage well below capacity: each bit's crosstalk is about N(0, P/N), so at P/N = 0.05 a bit is
     * unstable with probability Φ(−√20) ≈ 4e-6; every one of the seeded 10 × 200 bits is stable, and every
     * stored pattern is a Nash equilibrium of the neuron game.
     */
    @ParameterizedTest
    @CsvSource({"200, 10, 1", "400, 20, 2", "1000, 50, 3"})
    void hebbianPatternsBelowCapacityAreFixedPoints(int n, int p, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        byte[][] patterns = Patterns.random(p, n, rng);
        NeuronGame game = Storage.HEBBIAN.store(patterns);
        for (byte[] pattern : patterns) {
            assertTrue(game.isNashEquilibrium(pattern));
        }
    }

    /** The projection rule keeps every independent pattern a fixed point far beyond 0.138 N. */
    @ParameterizedTest
    @CsvSource({"100, 50, 1", "200, 120, 2"})
    void pseudoInversePatternsAreFixedPointsUpToHighLoads(int n, int p, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        byte[][] patterns = Patterns.random(p, n, rng);
        NeuronGame game = Storage.PSEUDO_INVERSE.store(patterns);
        for (byte[] pattern : patterns) {
            assertTrue(game.isNashEquilibrium(pattern));
        }
        NeuronGame hebbian = Storage.HEBBIAN.store(patterns);
        long unstable = java.util.Arrays.stream(patterns).filter(x -> !hebbian.isNashEquilibrium(x)).count();
        assertTrue(unstable > p / 2, "Hebbian storage at this load loses most patterns, lost " + unstable);
    }

    /** W ξ = (1 − w_ii) ξ_i: the field of each stored bit is the pattern shrunk by the removed diagonal. */
    @Test
    void pseudoInverseProjectsOntoThePatterns() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        byte[][] patterns = Patterns.random(8, 40, rng);
        NeuronGame game = Storage.PSEUDO_INVERSE.store(patterns);
        // The removed diagonal: w_ii = 1 − (W ξ)_i / ξ_i must be the same for every pattern.
        for (int i = 0; i < 40; i++) {
            double first = patterns[0][i] * game.localField(patterns[0], i);
            for (byte[] pattern : patterns) {
                assertEquals(first, pattern[i] * game.localField(pattern, i), 1e-12);
            }
            assertTrue(first > 0 && first < 1);
        }
    }

    @Test
    void hebbianCouplingsByHand() {
        byte[][] patterns = {{1, 1, -1}, {1, -1, -1}};
        NeuronGame game = Storage.HEBBIAN.store(patterns);
        assertEquals(0, game.weight(0, 1), 0.0);        // (1·1 + 1·−1) / 3
        assertEquals(-2.0 / 3, game.weight(0, 2), 0.0); // (−1 − 1) / 3
        assertEquals(0, game.weight(1, 2), 0.0);
        assertEquals(0, game.weight(1, 1), 0.0);
    }

    @Test
    void dependentPatternsAreRefusedByThePseudoInverse() {
        byte[][] patterns = {{1, 1, -1, 1}, {1, 1, -1, 1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Storage.PSEUDO_INVERSE.store(patterns));
        assertTrue(e.getMessage().contains("linearly dependent"), e.getMessage());
    }
}
