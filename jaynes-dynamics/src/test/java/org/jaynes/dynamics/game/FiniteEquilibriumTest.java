package org.jaynes.dynamics.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class FiniteEquilibriumTest {

    /** The oracle: every allocation of M agents to K bins, the best M·φ. */
    private static double bruteForceMaximum(double[] u, int agents) {
        return best(u, new long[u.length], 0, agents);
    }

    private static double best(double[] u, long[] counts, int bin, int left) {
        if (bin == u.length - 1) {
            counts[bin] = left;
            return Potential.exact(new long[][] {counts}, new double[][] {u}, u.length);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int m = 0; m <= left; m++) {
            counts[bin] = m;
            max = Math.max(max, best(u, counts, bin + 1, left - m));
        }
        return max;
    }

    @Property(tries = 200)
    void isTheMaximumOfThePotential(@ForAll @IntRange(min = 2, max = 5) int bins,
            @ForAll @IntRange(min = 1, max = 12) int agents, @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] u = new double[bins];
        for (int k = 0; k < bins; k++) {
            u[k] = 6 * rng.nextDouble() - 3;
        }
        FiniteEquilibrium equilibrium = FiniteEquilibrium.of(u, agents);
        assertEquals(agents, java.util.Arrays.stream(equilibrium.counts()).sum());
        assertEquals(bruteForceMaximum(u, agents), equilibrium.potential(), 1e-10, "seed " + seed);
    }

    @Property(tries = 50)
    void hasNoImprovingMove(@ForAll @IntRange(min = 2, max = 300) int bins,
            @ForAll @LongRange(min = 1, max = 1_000_000_000L) long agents, @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] u = new double[bins];
        for (int k = 0; k < bins; k++) {
            u[k] = 30 * rng.nextDouble();
        }
        long[] counts = FiniteEquilibrium.of(u, agents).counts();
        assertEquals(agents, java.util.Arrays.stream(counts).sum());
        for (int j = 0; j < bins; j++) {
            for (int k = 0; k < bins; k++) {
                if (j != k && counts[j] > 0) {
                    double gain = Potential.gain(u[j], counts[j], u[k], counts[k]);
                    assertTrue(gain <= 0, "moving " + j + " -> " + k + " gains " + gain + ", seed " + seed);
                }
            }
        }
    }

    @Test
    void manyAgentsApproachTheSoftmax() {
        double[] u = {1, 2, 3, 2.5, 0};
        double[] star = Equilibrium.of(new double[][] {u}, new double[] {1}).total();
        long agents = 1_000_000_000L;
        long[] counts = FiniteEquilibrium.of(u, agents).counts();
        for (int k = 0; k < u.length; k++) {
            assertEquals(star[k] * agents, counts[k], u.length, "M_k − M x*_k lies in (−1, K x*_k)");
        }
    }

    @Test
    void oneAgentTakesTheBestBin() {
        assertArrayEquals(new long[] {0, 0, 1}, FiniteEquilibrium.of(new double[] {1, 2, 3}, 1).counts());
    }
}
