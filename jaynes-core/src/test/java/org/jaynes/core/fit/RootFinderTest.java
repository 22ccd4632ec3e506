package org.jaynes.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RootFinderTest {

    private static final RootFinder.Function SQUARE_MINUS_TWO = x -> new RootFinder.Point(x * x - 2, 2 * x);

    @Test
    void findsARootFarFromTheGuessEitherSide() {
        assertEquals(Math.sqrt(2), RootFinder.solve(SQUARE_MINUS_TWO, 1000, 1e-9, 1e9, true), 1e-15);
        assertEquals(Math.sqrt(2), RootFinder.solve(SQUARE_MINUS_TWO, 1e-6, 1e-9, 1e9, true), 1e-15);
    }

    @Test
    void decreasingFunctions() {
        RootFinder.Function f = x -> new RootFinder.Point(1 / x - 3, -1 / (x * x));
        assertEquals(1.0 / 3, RootFinder.solve(f, 50, 1e-9, 1e9, false), 1e-16);
    }

    @Test
    void survivesAWildFirstNewtonStep() {
        // atan is flat far out: Newton from 10 would jump to about −140; bisection keeps the bracket
        RootFinder.Function f = x -> new RootFinder.Point(Math.atan(x - 5), 1 / (1 + (x - 5) * (x - 5)));
        assertEquals(5, RootFinder.solve(f, 200, 1e-9, 1e9, true), 1e-14);
    }

    @Test
    void aRootBeyondTheRangeGivesItsEnd() {
        RootFinder.Function rootAt31 = x -> new RootFinder.Point(x * x - 1000, 2 * x);
        assertEquals(10, RootFinder.solve(rootAt31, 1, 1e-3, 10, true));
        assertEquals(2, RootFinder.solve(SQUARE_MINUS_TWO, 5, 2, 10, true));
    }

    @Test
    void nanAndBadGuessesGiveNaN() {
        assertTrue(Double.isNaN(RootFinder.solve(x -> new RootFinder.Point(Double.NaN, 1), 1, 1e-3, 10, true)));
        assertTrue(Double.isNaN(RootFinder.solve(SQUARE_MINUS_TWO, Double.NaN, 1e-3, 10, true)));
        assertTrue(Double.isNaN(RootFinder.solve(SQUARE_MINUS_TWO, -1, 1e-3, 10, true)));
    }
}
