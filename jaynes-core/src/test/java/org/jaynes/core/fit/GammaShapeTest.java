package org.jaynes.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.Digamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GammaShapeTest {

    @ParameterizedTest
    @ValueSource(doubles = {1e-4, 0.05, 0.5, 1, 2.5, 39.9, 40, 40.1, 1000, 1e6, 1e9})
    void recoversTheShapeFromItsStatistic(double a) {
        double s = GammaShape.lnMinusDigamma(a);
        double solved = GammaShape.solve(s);
        assertEquals(a, solved, 1e-12 * a, () -> "a = " + a + ", s = " + s);
    }

    @Test
    void seriesMeetsDigammaAtTheSwitch() {
        // at a = 40, ln a − ψ(a) ≈ 0.0126 from ψ loses 3.7/0.0126 ≈ 300 ulps; the series is exact to rounding
        for (double a : new double[] {40, 45, 60}) {
            double library = Math.log(a) - Digamma.value(a);
            assertEquals(library, GammaShape.lnMinusDigamma(a), 1e-13 * library, () -> "a = " + a);
        }
        assertTrue(GammaShape.lnMinusDigamma(39.999999) > GammaShape.lnMinusDigamma(40));
    }

    @Test
    void noPositiveStatisticNoShape() {
        assertTrue(Double.isNaN(GammaShape.solve(0)));
        assertTrue(Double.isNaN(GammaShape.solve(-1e-3)));
        assertTrue(Double.isNaN(GammaShape.solve(Double.NaN)));
        assertTrue(Double.isNaN(GammaShape.solve(Double.POSITIVE_INFINITY)));
    }
}
