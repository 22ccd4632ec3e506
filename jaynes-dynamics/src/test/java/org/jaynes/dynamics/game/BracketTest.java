package org.jaynes.dynamics.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BracketTest {

    @Test
    void bisectionEndsAtAdjacentDoublesAroundTheFlip() {
        Bracket root = new Bracket(0, 4).bisect(x -> x * x < 2);
        assertEquals(Math.nextUp(root.low()), root.high());
        assertTrue(root.low() * root.low() < 2 && !(root.high() * root.high() < 2));
    }

    @Test
    void aBracketThatIsNotANumberStopsAfterTheStepCap() {
        Bracket nan = new Bracket(Double.NEGATIVE_INFINITY, 1).bisect(x -> false);
        assertEquals(Double.NEGATIVE_INFINITY, nan.low());
        assertTrue(Double.isNaN(nan.high()), "the midpoint of an infinite end is NaN; the bisection returns anyway");
    }
}
