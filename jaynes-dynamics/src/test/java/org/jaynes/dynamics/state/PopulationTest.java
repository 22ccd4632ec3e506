package org.jaynes.dynamics.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PopulationTest {

    @Test
    void aMoveUpdatesCountsTreeAndLogarithms() {
        Population population = new Population(new long[][] {{3, 0, 5000}, {1, 2, 0}});
        assertEquals(4, population.stride());
        assertEquals(5006, population.agents());
        int slot = 1 * population.stride() + 1; // kind 1, bin 1
        population.move(slot, 2);
        assertArrayEquals(new long[][] {{3, 0, 5000}, {1, 1, 1}}, population.counts());
        assertArrayEquals(new long[] {4, 1, 5001}, population.binCounts());
        for (int k = 0; k < 3; k++) {
            assertEquals(StrictMath.log(population.binCount(k)), population.lnCount(k), 0);
            assertEquals(StrictMath.log(population.binCount(k) + 1), population.lnCountPlusOne(k), 0);
        }
        // agents in slot order: kind 0 bin 0 (3), kind 0 bin 2 (5000), kind 1 bins 0, 1, 2 (1 each)
        assertEquals(0, population.agentSlot(2));
        assertEquals(2, population.agentSlot(3));
        assertEquals(2, population.agentSlot(5002));
        assertEquals(4, population.agentSlot(5003));
        assertEquals(5, population.agentSlot(5004));
        assertEquals(6, population.agentSlot(5005));
    }

    @Test
    void emptyBinsHaveMinusInfinityAsLnCount() {
        Population population = new Population(new long[][] {{1, 0}});
        assertEquals(Double.NEGATIVE_INFINITY, population.lnCount(1));
        assertEquals(0, population.lnCountPlusOne(1));
        assertEquals(1, population.shares()[0][0]);
    }

    @Test
    void logarithmsAreThoseOfStrictMath() {
        for (long n : new long[] {1, 2, 4095, 4096, 4097, 1_000_000_007L, 1L << 62}) {
            assertEquals(StrictMath.log(n), Population.ln(n), 0, "n = " + n);
        }
    }

    @Test
    void badCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Population(new long[][] {{0, 0}}));
        assertThrows(IllegalArgumentException.class, () -> new Population(new long[][] {{-1, 3}}));
    }
}
