package org.jaynes.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * E[w²] of each initialiser against its formula, on 400,000 draws. Tolerance 4% relative: the standard error of
 * the mean of w² is √(Var w²/n), which for the lognormal with σ = 1 is √(e^{4σ²} − 1)/√n ≈ 1.2% of E[w²].
 */
class InitializerTest {

    private static final int FAN_IN = 400;
    private static final int FAN_OUT = 1000;
    private static final long SEED = 7;

    static Stream<Arguments> initializers() {
        return Stream.of(Arguments.of(new Initializer.He(), 2.0 / FAN_IN),
                Arguments.of(new Initializer.Xavier(), 2.0 / (FAN_IN + FAN_OUT)),
                Arguments.of(new Initializer.Lognormal(0.5), 2.0 / FAN_IN),
                Arguments.of(new Initializer.Lognormal(1.0), 2.0 / FAN_IN));
    }

    @ParameterizedTest
    @MethodSource("initializers")
    void meanSquareIsTheStatedOne(Initializer initializer, double expected) {
        assertEquals(expected, initializer.meanSquare(FAN_IN, FAN_OUT), 1e-15);
        float[] w = new float[FAN_IN * FAN_OUT];
        initializer.fill(w, FAN_IN, FAN_OUT, RandomSource.XO_RO_SHI_RO_128_PP.create(SEED));
        double sum = 0;
        double mean = 0;
        for (float x : w) {
            sum += (double) x * x;
            mean += x;
        }
        assertEquals(expected, sum / w.length, 0.04 * expected, initializer + ", seed " + SEED);
        assertEquals(0, mean / w.length, 5 * Math.sqrt(expected / w.length), "symmetric about zero");
    }

    /** Lognormal: ln|w| has mean μ = ½ ln(2/fan_in) − σ² and standard deviation σ; signs are balanced. */
    @Test
    void lognormalMagnitudesHaveTheStatedMuAndSigma() {
        Initializer.Lognormal init = new Initializer.Lognormal(0.7);
        float[] w = new float[200_000];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
        init.fill(w, FAN_IN, FAN_OUT, rng);
        double s = 0;
        double s2 = 0;
        int negative = 0;
        for (float x : w) {
            double l = Math.log(Math.abs(x));
            s += l;
            s2 += l * l;
            negative += x < 0 ? 1 : 0;
        }
        double mu = s / w.length;
        double sigma = Math.sqrt(s2 / w.length - mu * mu);
        assertEquals(0.5 * Math.log(2.0 / FAN_IN) - 0.49, init.mu(FAN_IN), 1e-12);
        assertEquals(init.mu(FAN_IN), mu, 0.01);
        assertEquals(0.7, sigma, 0.01);
        assertEquals(0.5, (double) negative / w.length, 0.01);
    }

    @Test
    void parsesNamesAndRefusesOthers() {
        assertEquals(new Initializer.He(), Initializer.parse("HE", 1));
        assertEquals(new Initializer.Xavier(), Initializer.parse("glorot", 1));
        assertEquals(new Initializer.Lognormal(0.3), Initializer.parse("lognormal", 0.3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializer.parse("kaiming", 1));
        assertEquals("unknown initialiser 'kaiming': expected he, xavier, lognormal or fitted", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Initializer.Lognormal(Double.NaN));
        assertTrue(new Initializer.Lognormal(1).label().equals("lognormal"));
    }
}
