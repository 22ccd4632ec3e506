package org.jaynes.dynamics.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class FenwickTreeTest {

    /** The oracle: a linear scan of the prefix sums. */
    private static int scan(long[] counts, long r) {
        long prefix = 0;
        for (int s = 0; s < counts.length; s++) {
            prefix += counts[s];
            if (r < prefix) {
                return s;
            }
        }
        throw new AssertionError("r beyond the total");
    }

    @Property(tries = 200)
    void findAgreesWithALinearScanThroughUpdates(@ForAll @IntRange(min = 0, max = 10) int log2Size,
            @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int size = 1 << log2Size;
        long[] counts = new long[size];
        for (int s = 0; s < size; s++) {
            counts[s] = rng.nextInt(4) == 0 ? 0 : rng.nextLong(1_000_000_000_000L);
        }
        counts[rng.nextInt(size)] += 1;
        FenwickTree tree = new FenwickTree(size);
        tree.fill(counts);
        for (int round = 0; round < 50; round++) {
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            assertEquals(total, tree.total());
            for (long r : new long[] {0, total - 1, rng.nextLong(total)}) {
                assertEquals(scan(counts, r), tree.find(r), "r = " + r + ", seed " + seed);
            }
            int slot = rng.nextInt(size);
            long delta = -rng.nextLong(counts[slot] + 1);
            if (rng.nextBoolean()) {
                delta = rng.nextLong(1000);
            }
            if (total + delta > 0) {
                counts[slot] += delta;
                tree.add(slot, delta);
            }
        }
    }

    @Test
    void sizeMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new FenwickTree(3));
        assertThrows(IllegalArgumentException.class, () -> new FenwickTree(0));
    }
}
