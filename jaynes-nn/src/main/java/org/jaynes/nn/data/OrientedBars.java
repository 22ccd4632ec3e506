package org.jaynes.nn.data;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.nn.tensor.ImageShape;

/**
 * A generated image task for convolutional networks: 1×S×S images of Gaussian noise (standard deviation
 * {@link #NOISE}) with one bright bar of {@link #LENGTH} pixels (value +1 added) at a uniformly random place;
 * the class is the bar's direction: 0 horizontal, 1 vertical, 2 diagonal (down-right), 3 anti-diagonal
 * (down-left), equally likely. The position carries no information, so a network that finds the bar wherever
 * it is (a convolution) does well; chance is 1/4. Needs no files; the same seed gives the same data.
 */
public final class OrientedBars {

    public static final int CLASSES = 4;
    public static final int LENGTH = 4;
    public static final double NOISE = 0.3;

    private static final int[][] STEPS = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};

    private OrientedBars() {
    }

    /**
     * {@code trainSize} and {@code testSize} images of {@code side}×{@code side} pixels.
     *
     * @throws IllegalArgumentException when the side is shorter than a bar or a size is not positive
     */
    public static DataSplit generate(long seed, int side, int trainSize, int testSize) {
        if (side < LENGTH || trainSize < 1 || testSize < 1) {
            throw new IllegalArgumentException("bar images need a side of at least " + LENGTH
                    + " and positive sizes, not side " + side + ", " + trainSize + " and " + testSize);
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian noise = ZigguratSampler.NormalizedGaussian.of(rng);
        ImageShape shape = new ImageShape(1, side, side);
        return new DataSplit("bars", sample(trainSize, side, rng, noise).withImageShape(shape),
                sample(testSize, side, rng, noise).withImageShape(shape));
    }

    private static Dataset sample(int size, int side, UniformRandomProvider rng,
                                  ZigguratSampler.NormalizedGaussian noise) {
        int pixels = side * side;
        float[] images = new float[size * pixels];
        int[] labels = new int[size];
        for (int n = 0; n < size; n++) {
            for (int p = 0; p < pixels; p++) {
                images[n * pixels + p] = (float) (NOISE * noise.sample());
            }
            int label = rng.nextInt(CLASSES);
            int dy = STEPS[label][0];
            int dx = STEPS[label][1];
            int span = LENGTH - 1;
            int y = rng.nextInt(side - dy * span);
            int x = dx < 0 ? span + rng.nextInt(side - span) : rng.nextInt(side - dx * span);
            for (int s = 0; s < LENGTH; s++) {
                images[n * pixels + (y + s * dy) * side + x + s * dx] += 1f;
            }
            labels[n] = label;
        }
        return Dataset.ofFloats(images, pixels, labels, CLASSES);
    }
}
