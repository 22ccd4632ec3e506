package org.jaynes.nn.data;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A generated classification task that a small network can learn: inputs x ~ N(0, I), labelled by a fixed
 * random teacher network, class = argmax(W₂ tanh(W₁ x)), with W₁ ~ N(0, 1/inputs) and W₂ ~ N(0, 1/hidden).
 * Needs no files, so tests and machines without data can train. The same seed gives the same data.
 */
public final class TeacherStudent {

    public static final int DEFAULT_INPUTS = 16;
    public static final int DEFAULT_HIDDEN = 8;
    public static final int DEFAULT_CLASSES = 4;
    public static final int DEFAULT_TRAIN = 16384;
    public static final int DEFAULT_TEST = 4096;

    private TeacherStudent() {
    }

    /** The default task: 16 inputs, a teacher of 8 hidden units, 4 classes, 16,384 training and 4,096 test examples. */
    public static DataSplit generate(long seed) {
        return generate(seed, DEFAULT_INPUTS, DEFAULT_HIDDEN, DEFAULT_CLASSES, DEFAULT_TRAIN, DEFAULT_TEST);
    }

    /** A task of the given size; the teacher and both sets come from {@code seed}. */
    public static DataSplit generate(long seed, int inputs, int hidden, int classes, int trainSize, int testSize) {
        if (inputs < 1 || hidden < 1 || classes < 2 || trainSize < 1 || testSize < 1) {
            throw new IllegalArgumentException("teacher task needs positive sizes and at least 2 classes");
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] w1 = new double[hidden * inputs];
        double[] w2 = new double[classes * hidden];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = gaussian.sample() / Math.sqrt(inputs);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = gaussian.sample() / Math.sqrt(hidden);
        }
        Dataset train = sample(trainSize, inputs, hidden, classes, w1, w2, gaussian);
        Dataset test = sample(testSize, inputs, hidden, classes, w1, w2, gaussian);
        return new DataSplit("teacher", train, test);
    }

    private static Dataset sample(int size, int inputs, int hidden, int classes, double[] w1, double[] w2,
                                  ZigguratSampler.NormalizedGaussian gaussian) {
        float[] x = new float[size * inputs];
        int[] labels = new int[size];
        double[] h = new double[hidden];
        for (int r = 0; r < size; r++) {
            for (int j = 0; j < inputs; j++) {
                x[r * inputs + j] = (float) gaussian.sample();
            }
            for (int u = 0; u < hidden; u++) {
                double s = 0;
                for (int j = 0; j < inputs; j++) {
                    s += w1[u * inputs + j] * x[r * inputs + j];
                }
                h[u] = Math.tanh(s);
            }
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double s = 0;
                for (int u = 0; u < hidden; u++) {
                    s += w2[c * hidden + u] * h[u];
                }
                if (s > max) {
                    max = s;
                    best = c;
                }
            }
            labels[r] = best;
        }
        return Dataset.ofFloats(x, inputs, labels, classes);
    }
}
