package org.jaynes.core.analysis;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.core.stats.StreamingAccumulator;

/**
 * The Gaussian null model of a layer: n values from N(0, std²), the distribution of untrained weights
 * of the layer's shape and scale. Drawn from XO_RO_SHI_RO_128_PP seeded with (seed, layer index), so a
 * layer's baseline does not depend on the thread that draws it. Cost: one Gaussian draw per element.
 */
final class GaussianBaseline {

    private static final int CHUNK = 1 << 14;

    private GaussianBaseline() {
    }

    static StreamingAccumulator accumulate(long n, double std, long seed, int layerIndex) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, layerIndex});
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        StreamingAccumulator accumulator = new StreamingAccumulator(org.jaynes.core.tensor.DType.F64);
        double[] chunk = new double[CHUNK];
        for (long done = 0; done < n; ) {
            int length = (int) Math.min(CHUNK, n - done);
            for (int i = 0; i < length; i++) {
                chunk[i] = std * gaussian.sample();
            }
            accumulator.accept(chunk, length);
            done += length;
        }
        return accumulator;
    }
}
