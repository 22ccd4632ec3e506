package org.jaynes.dynamics.neurons;

import org.apache.commons.rng.UniformRandomProvider;

/** Random neuron games and states for the tests. */
final class RandomGames {

    private RandomGames() {
    }

    /**
     * Couplings and thresholds that are multiples of 2^-10 in [−4, 4): every product with ±1 and every partial
     * sum of up to 2^40 of them is exact in a double, so two summation orders agree to the last bit.
     */
    static NeuronGame dyadic(int n, UniformRandomProvider rng) {
        double[] w = new double[n * n];
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = (rng.nextInt(8192) - 4096) / 1024.0;
            for (int j = i + 1; j < n; j++) {
                double v = (rng.nextInt(8192) - 4096) / 1024.0;
                w[i * n + j] = v;
                w[j * n + i] = v;
            }
        }
        return NeuronGame.of(w, theta);
    }

    /** Gaussian couplings N(0, scale²) and thresholds N(0, bias²), by Box–Muller. */
    static NeuronGame gaussian(int n, double scale, double bias, UniformRandomProvider rng) {
        double[] w = new double[n * n];
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = bias * normal(rng);
            for (int j = i + 1; j < n; j++) {
                double v = scale * normal(rng);
                w[i * n + j] = v;
                w[j * n + i] = v;
            }
        }
        return NeuronGame.of(w, theta);
    }

    static byte[] state(int n, UniformRandomProvider rng) {
        byte[] s = new byte[n];
        for (int i = 0; i < n; i++) {
            s[i] = rng.nextBoolean() ? (byte) 1 : (byte) -1;
        }
        return s;
    }

    private static double normal(UniformRandomProvider rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
