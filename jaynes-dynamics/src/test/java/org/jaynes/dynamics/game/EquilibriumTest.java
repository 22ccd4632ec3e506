package org.jaynes.dynamics.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class EquilibriumTest {

    private static double[] random(UniformRandomProvider rng, int n, double scale) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    private static double[] simplex(UniformRandomProvider rng, int n, double mass) {
        double[] x = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            x[k] = -Math.log(rng.nextDouble());
            sum += x[k];
        }
        for (int k = 0; k < n; k++) {
            x[k] *= mass / sum;
        }
        return x;
    }

    @Property(tries = 100)
    void oneKindIsTheSoftmaxAndTheGapIsKl(@ForAll @IntRange(min = 2, max = 50) int bins, @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] u = random(rng, bins, 20);
        Equilibrium equilibrium = Equilibrium.of(new double[][] {u}, new double[] {1});
        double z = 0;
        for (double v : u) {
            z += Math.exp(v);
        }
        for (int k = 0; k < bins; k++) {
            assertEquals(Math.exp(u[k]) / z, equilibrium.total()[k], 1e-14);
        }
        assertEquals(Math.log(z), equilibrium.potential(), 1e-12);
        double[] x = simplex(rng, bins, 1);
        double kl = 0;
        for (int k = 0; k < bins; k++) {
            kl += x[k] * Math.log(x[k] / equilibrium.total()[k]);
        }
        double[][] state = {x};
        assertEquals(kl, equilibrium.arbitrageGap(new double[][] {u}, state), 1e-12 * (1 + kl));
        double potential = Equilibrium.potential(new double[][] {u}, state, x);
        assertEquals(equilibrium.potential() - potential, kl, 1e-11 * (1 + Math.abs(potential)));
        assertEquals(0, equilibrium.arbitrageGap(new double[][] {u}, equilibrium.shares()), 1e-15);
    }

    /** Two kinds: each kind's utility is the same on its own bins, no kind gains by entering other bins. */
    @Property(tries = 100)
    void twoKindsAreInArbitrageEquilibrium(@ForAll @IntRange(min = 2, max = 60) int bins,
            @ForAll @DoubleRange(min = 0.05, max = 0.95) double share, @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] u = {random(rng, bins, 5), random(rng, bins, 5)};
        double[] m = {1 - share, share};
        Equilibrium equilibrium = Equilibrium.of(u, m);
        for (int t = 0; t < 2; t++) {
            double mass = 0;
            for (int k = 0; k < bins; k++) {
                mass += equilibrium.shares()[t][k];
                double h = u[t][k] - Math.log(equilibrium.total()[k]);
                if (equilibrium.shares()[t][k] > 1e-12) {
                    assertEquals(equilibrium.prices()[t], h, 1e-9, "kind " + t + " bin " + k + ", seed " + seed);
                } else {
                    assertTrue(h <= equilibrium.prices()[t] + 1e-9, "kind " + t + " would gain in bin " + k);
                }
            }
            assertEquals(m[t], mass, 1e-12);
        }
        assertEquals(0, equilibrium.arbitrageGap(u, equilibrium.shares()), 1e-12);
        double[][] other = {simplex(rng, bins, m[0]), simplex(rng, bins, m[1])};
        double[] xi = new double[bins];
        for (int k = 0; k < bins; k++) {
            xi[k] = other[0][k] + other[1][k];
        }
        double direct = equilibrium.potential() - Equilibrium.potential(u, other, xi);
        assertEquals(direct, equilibrium.arbitrageGap(u, other), 1e-10 * (1 + Math.abs(equilibrium.potential())));
        assertTrue(direct > 0);
    }

    @Test
    void identicalKindsShareEveryBinLikeOneKind() {
        double[] u = {0.5, 2, 1, -3};
        Equilibrium one = Equilibrium.of(new double[][] {u}, new double[] {1});
        Equilibrium two = Equilibrium.of(new double[][] {u, u}, new double[] {0.3, 0.7});
        for (int k = 0; k < u.length; k++) {
            assertEquals(one.total()[k], two.total()[k], 1e-15);
            assertEquals(0.3 * one.total()[k], two.shares()[0][k], 1e-15);
        }
        assertEquals(one.potential(), two.potential(), 1e-14);
    }

    @Test
    void logSumExpDoesNotOverflow() {
        assertEquals(1000 + Math.log(2), Equilibrium.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5},
                Equilibrium.of(new double[][] {{1000, 1000}}, new double[] {1}).total(), 1e-15);
    }
}
