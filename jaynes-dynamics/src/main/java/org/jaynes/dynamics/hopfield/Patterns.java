package org.jaynes.dynamics.hopfield;

import org.apache.commons.rng.UniformRandomProvider;

/** Random ±1 patterns, their corruption and their overlap. Stateless. */
public final class Patterns {

    private Patterns() {
    }

    /** P patterns of N unbiased independent ±1 bits, [pattern][neuron]. */
    public static byte[][] random(int count, int neurons, UniformRandomProvider rng) {
        byte[][] patterns = new byte[count][neurons];
        for (byte[] pattern : patterns) {
            for (int i = 0; i < neurons; i++) {
                pattern[i] = rng.nextBoolean() ? (byte) 1 : (byte) -1;
            }
        }
        return patterns;
    }

    /** Refuses a noise outside [0, 1]: the share of a pattern's bits {@link #corrupt} flips. */
    static void checkNoise(double noise) {
        if (!(noise >= 0 && noise <= 1)) {
            throw new IllegalArgumentException("the noise must be a fraction in [0, 1], not " + noise);
        }
    }

    /**
     * A copy of {@code pattern} with exactly round(noise · N) bits flipped, chosen uniformly without
     * replacement (a partial Fisher–Yates shuffle).
     *
     * @param noise the fraction of bits to flip, in [0, 1]
     */
    public static byte[] corrupt(byte[] pattern, double noise, UniformRandomProvider rng) {
        checkNoise(noise);
        int n = pattern.length;
        int flips = (int) Math.round(noise * n);
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        byte[] copy = pattern.clone();
        for (int k = 0; k < flips; k++) {
            int j = k + rng.nextInt(n - k);
            int t = index[k];
            index[k] = index[j];
            index[j] = t;
            copy[index[k]] = (byte) -copy[index[k]];
        }
        return copy;
    }

    /** The overlap m = (1/N) Σ_i a_i b_i ∈ [−1, 1]: 1 for equal states, −1 for a state and its mirror. */
    public static double overlap(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("states of " + a.length + " and " + b.length + " neurons");
        }
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return (double) sum / a.length;
    }
}
