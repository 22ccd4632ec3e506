package org.jaynes.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FamilyTest {

    @Test
    void keysAreTheMachineReadableNames() {
        assertEquals(List.of("lognormal", "halfnormal", "exponential", "weibull", "gamma", "normal", "laplace", "gennorm"),
                Arrays.stream(Family.values()).map(Family::key).toList());
    }

    @Test
    void freeParametersExcludeTheFixedLocation() {
        assertEquals(List.of(2, 1, 1, 2, 2, 1, 1, 2),
                Arrays.stream(Family.values()).map(Family::parameterCount).toList());
        assertEquals(List.of("mu", "sigma"), Family.LOGNORMAL.parameterNames());
        assertEquals(List.of("beta", "scale"), Family.GENNORM.parameterNames());
    }

    @Test
    void magnitudeFamiliesComeFirstWithLognormalFirst() {
        assertEquals(List.of(Family.LOGNORMAL, Family.HALFNORMAL, Family.EXPONENTIAL, Family.WEIBULL, Family.GAMMA),
                Family.magnitudeFamilies());
        assertEquals(List.of(Family.NORMAL, Family.LAPLACE, Family.GENNORM), Family.signedFamilies());
    }

    @Test
    void unknownKeyNamesTheAcceptedOnes() {
        assertEquals(Family.WEIBULL, Family.ofKey("weibull"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Family.ofKey("Weibull"));
        assertEquals("unknown family 'Weibull'; expected one of lognormal, halfnormal, exponential, weibull, gamma, "
                + "normal, laplace, gennorm", e.getMessage());
    }
}
