package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jaynes.core.tensor.Shape;
import org.junit.jupiter.api.Test;

class HumanNumbersTest {

    @Test
    void threeSignificantDigits() {
        assertEquals("1.11", HumanNumbers.format(Math.PI / Math.sqrt(8)));
        assertEquals("0.00123", HumanNumbers.format(0.0012345));
        assertEquals("1230", HumanNumbers.format(1234.5));
        assertEquals("120", HumanNumbers.format(120));
        assertEquals("0", HumanNumbers.format(0));
        assertEquals("0", HumanNumbers.format(-0.0));
    }

    @Test
    void scientificForVerySmallAndLarge() {
        assertEquals("1.23e4", HumanNumbers.format(12345));
        assertEquals("4.5e-4", HumanNumbers.format(0.00045));
        assertEquals("1e-300", HumanNumbers.format(1e-300));
        assertEquals("1.5e-3", HumanNumbers.scientific(0.0015));
        assertEquals("1.0001e6", HumanNumbers.scientific(1000100, 5));
    }

    @Test
    void minusSignAndSpecialValues() {
        assertEquals("−3.52", HumanNumbers.format(-3.5194));
        assertEquals("–", HumanNumbers.format(Double.NaN));
        assertEquals("∞", HumanNumbers.format(Double.POSITIVE_INFINITY));
        assertEquals("−∞", HumanNumbers.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void countsAndShapes() {
        assertEquals("11\u2009720\u2009448", HumanNumbers.count(11_720_448));
        assertEquals("7", HumanNumbers.count(7));
        assertEquals("30522×384", HumanNumbers.shape(Shape.of(30522, 384)));
        assertEquals("scalar", HumanNumbers.shape(Shape.of()));
    }

    @Test
    void exactKeysRoundTrip() {
        assertEquals(0.1 + 0.2, Double.parseDouble(HumanNumbers.exact(0.1 + 0.2)), 0);
        assertEquals("NaN", HumanNumbers.exact(Double.NaN));
    }
}
