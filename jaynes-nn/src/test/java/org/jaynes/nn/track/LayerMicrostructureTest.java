package org.jaynes.nn.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.nn.init.Initializer;
import org.junit.jupiter.api.Test;

/**
 * The microstructure of known populations: lognormal magnitudes are found lognormal with their μ and σ and a
 * small gap; Gaussian weights are found half-normal. 100,000 draws: μ, σ within 0.01 (standard error 0.003).
 */
class LayerMicrostructureTest {

    private static final long SEED = 11;

    @Test
    void lognormalWeightsAreRecognised() {
        Initializer.Lognormal init = new Initializer.Lognormal(0.8);
        float[] w = new float[100_000];
        init.fill(w, 250, 400, RandomSource.XO_RO_SHI_RO_128_PP.create(SEED));
        LayerMicrostructure m = LayerMicrostructure.of("layers.0.weight", w);
        assertEquals("layers.0.weight", m.name());
        assertEquals(100_000, m.n());
        assertEquals(init.mu(250), m.mu(), 0.01);
        assertEquals(0.8, m.sigma(), 0.01);
        assertEquals("lognormal", m.bestFamily(), m.verdict());
        assertTrue(m.ks() < 0.01, "ks " + m.ks());
        assertTrue(m.arbitrageGap() < 0.01, "gap " + m.arbitrageGap());
        assertEquals(Math.sqrt(2.0 / 250), m.rms(), 0.03 * Math.sqrt(2.0 / 250));
    }

    @Test
    void gaussianWeightsAreHalfNormalInMagnitude() {
        float[] w = new float[100_000];
        new Initializer.He().fill(w, 250, 400, RandomSource.XO_RO_SHI_RO_128_PP.create(SEED));
        LayerMicrostructure m = LayerMicrostructure.of("w", w);
        assertEquals("halfnormal", m.bestFamily(), m.verdict());
        assertTrue(m.arbitrageGap() > 0.05, "gap " + m.arbitrageGap());
    }
}
