package org.jaynes.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.Erfc;
import org.junit.jupiter.api.Test;

class VuongTest {

    @Test
    void fourRatiosByHand() {
        // l = 1, 2, 3, 6: Σl = 12, Σl² = 50, mean 3, ω² = 50/4 − 9 = 3.5, z = 12 / (√4 · √3.5)
        Vuong vuong = Vuong.of(4, 12, 50);
        double z = 12 / (2 * Math.sqrt(3.5));
        assertEquals(z, vuong.z(), 1e-15);
        assertEquals(Erfc.value(z / Math.sqrt(2)), vuong.p(), 1e-16);
    }

    @Test
    void signFollowsTheFirstLaw() {
        assertTrue(Vuong.of(4, -12, 50).z() < 0);
        assertEquals(Vuong.of(4, 12, 50).p(), Vuong.of(4, -12, 50).p());
    }

    @Test
    void identicalLawsGiveNaN() {
        Vuong same = Vuong.of(10, 0, 0);
        assertTrue(Double.isNaN(same.z()) && Double.isNaN(same.p()));
        Vuong constant = Vuong.of(10, 5, 2.5);
        assertTrue(Double.isNaN(constant.z()), "a constant ratio has ω = 0");
    }

    @Test
    void hugeStatisticsUnderflowToZero() {
        // n = 1e6, mean l = 0.1, ω = 0.1: z = 1e5 / (1e3 · 0.1) = 1000
        Vuong vuong = Vuong.of(1_000_000, 1e5, 2e4);
        assertEquals(1000, vuong.z(), 1e-9);
        assertEquals(0, vuong.p());
    }
}
