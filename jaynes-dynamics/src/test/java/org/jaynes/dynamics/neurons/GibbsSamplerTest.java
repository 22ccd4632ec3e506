package org.jaynes.dynamics.neurons;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.dynamics.run.Dynamics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Logit response at temperature T is the Gibbs sampler of the Boltzmann machine: its empirical law over all
 * 2^N states matches exp(−E/T)/Z computed by enumeration.
 */
class GibbsSamplerTest {

    /**
     * N neurons, Gaussian couplings (std 0.5) and thresholds (std 0.3), seeded; 1,000 sweeps of burn-in, then
     * one sample per sweep for {@value #SAMPLES} sweeps (2^21). The expected total variation of n independent
     * samples is about ½ √(2/(π n)) Σ_s √p(s) ≤ ½ √(2/(π n)) 2^{N/2}: below 0.004 here for N = 10, and the
     * chain mixes within a few sweeps at these temperatures; the bound 0.01 leaves room for the correlation.
     */
    private static final int SAMPLES = 1 << 21;

    @ParameterizedTest
    @CsvSource({"6, 1.0, 1", "10, 1.0, 2", "10, 2.0, 3", "8, 0.5, 4"})
    void empiricalLawMatchesTheBoltzmannLawByEnumeration(int n, double temperature, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        NeuronGame game = RandomGames.gaussian(n, 0.5, 0.3, rng);
        int states = 1 << n;
        double[] exact = new double[states];
        double max = Double.NEGATIVE_INFINITY;
        for (int code = 0; code < states; code++) {
            exact[code] = -game.energy(decode(code, n)) / temperature;
            max = Math.max(max, exact[code]);
        }
        double z = 0;
        for (int code = 0; code < states; code++) {
            exact[code] = Math.exp(exact[code] - max);
            z += exact[code];
        }
        NeuronNetwork network = new NeuronNetwork(game, decode(0, n), rng);
        Dynamics logit = new Dynamics.Logit(temperature);
        for (int k = 0; k < 1000; k++) {
            network.sweep(logit);
        }
        long[] counts = new long[states];
        for (int k = 0; k < SAMPLES; k++) {
            network.sweep(logit);
            int code = 0;
            for (int i = 0; i < n; i++) {
                code |= network.spin(i) > 0 ? 1 << i : 0;
            }
            counts[code]++;
        }
        double tv = 0;
        for (int code = 0; code < states; code++) {
            tv += Math.abs(counts[code] / (double) SAMPLES - exact[code] / z);
        }
        tv /= 2;
        assertTrue(tv < 0.01, "total variation " + tv + " (N = " + n + ", T = " + temperature + ", seed " + seed + ")");
    }

    private static byte[] decode(int code, int n) {
        byte[] s = new byte[n];
        for (int i = 0; i < n; i++) {
            s[i] = (code >> i & 1) == 1 ? (byte) 1 : (byte) -1;
        }
        return s;
    }
}
