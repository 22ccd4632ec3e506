package org.jaynes.dynamics.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ApportionmentTest {

    @Property(tries = 200)
    void countsAddUpAndStayWithinOneOfTheQuota(@ForAll @IntRange(min = 1, max = 300) int bins,
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long n, @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] weights = new double[bins];
        for (int k = 0; k < bins; k++) {
            weights[k] = rng.nextInt(3) == 0 ? 0 : rng.nextDouble();
        }
        weights[rng.nextInt(bins)] = 1;
        long[] counts = Apportionment.of(weights, n);
        assertEquals(n, Arrays.stream(counts).sum());
        double sum = Arrays.stream(weights).sum();
        for (int k = 0; k < bins; k++) {
            double quota = n * weights[k] / sum;
            assertTrue(Math.abs(counts[k] - quota) < 1 + 1e-6 * quota, "bin " + k);
            if (weights[k] == 0) {
                assertEquals(0, counts[k]);
            }
        }
    }

    @Test
    void tiesGoToTheLowerBin() {
        assertArrayEquals(new long[] {4, 3, 3}, Apportionment.of(new double[] {1, 1, 1}, 10));
        assertArrayEquals(new long[] {1, 1, 0, 0}, Apportionment.of(new double[] {1, 1, 1, 1}, 2));
    }

    @Test
    void badWeightsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Apportionment.of(new double[] {0, 0}, 3));
        assertThrows(IllegalArgumentException.class, () -> Apportionment.of(new double[] {-1, 2}, 3));
        assertThrows(IllegalArgumentException.class, () -> Apportionment.of(new double[] {Double.NaN}, 3));
    }
}
