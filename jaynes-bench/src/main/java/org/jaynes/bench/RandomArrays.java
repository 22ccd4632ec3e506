package org.jaynes.bench;

import java.util.SplittableRandom;

/** Seeded inputs for the training benchmarks. */
final class RandomArrays {

    private RandomArrays() {
    }

    /** {@code size} standard normal floats from {@code random}. */
    static float[] gaussian(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
