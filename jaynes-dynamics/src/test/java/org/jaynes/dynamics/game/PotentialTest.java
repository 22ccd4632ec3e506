package org.jaynes.dynamics.game;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PotentialTest {

    @Test
    void exactPotentialOfASmallStateByHand() {
        double[][] u = {{1.5, -0.5, 2}};
        long[][] counts = {{2, 0, 3}};
        // M·φ = 2·1.5 + 3·2 + ln(5! / (2! 0! 3!)) = 9 + ln 10
        assertEquals(9 + Math.log(10), Potential.exact(counts, u, 3), 1e-14);
    }

    @Test
    void twoKindsCompeteThroughTheBinTotals() {
        double[][] u = {{1, 0}, {0, 1}};
        long[][] counts = {{1, 1}, {0, 2}};
        // Σ M^t_k u^t_k = 1 + 0 + 0 + 2 = 3; M_k = (1, 3): ln(4! / (1! 3!)) = ln 4
        assertEquals(3 + Math.log(4), Potential.exact(counts, u, 2), 1e-14);
    }

    @Test
    void logFactorialIsExactForSmallAndSmoothForLarge() {
        assertEquals(0, Potential.logFactorial(0));
        assertEquals(0, Potential.logFactorial(1));
        assertEquals(Math.log(720), Potential.logFactorial(6), 1e-14);
        long n = 1_000_000_000L;
        double stirling = n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1.0 / (12 * n);
        assertEquals(stirling, Potential.logFactorial(n), 1e-15 * stirling);
    }

    @Test
    void gainIsTheUtilityChangeOfTheMover() {
        // from a bin of 4 with u = 1 to a bin of 2 with u = 0.5: (0.5 − ln 3) − (1 − ln 4)
        assertEquals(0.5 - Math.log(3) - 1 + Math.log(4), Potential.gain(1, 4, 0.5, 2), 1e-15);
    }
}
