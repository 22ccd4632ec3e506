package org.jaynes.nn.init;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * How a dense layer's weights start. Biases start at zero whatever the initialiser.
 * <ul>
 * <li>{@link He}: w ~ N(0, 2/fan_in), E[w²] = 2/fan_in (He et al. 2015, doi:10.1109/ICCV.2015.123).</li>
 * <li>{@link Xavier}: w ~ N(0, 2/(fan_in + fan_out)) (Glorot and Bengio 2010, PMLR 9:249).</li>
 * <li>{@link Lognormal}: w = ±exp(μ + σ z), z ~ N(0, 1), signs ±1 with probability ½ each, with
 *     μ = ½ ln(2/fan_in) − σ² so that E[w²] = exp(2μ + 2σ²) = 2/fan_in, He's (THEORY.md §1, claim 7).</li>
 * </ul>
 */
public sealed interface Initializer {

    /** The σ of {@code lognormal} when none is given. */
    double DEFAULT_SIGMA = 1.0;

    /** Fills a weight [fanOut, fanIn] from {@code rng}. */
    void fill(float[] weight, int fanIn, int fanOut, UniformRandomProvider rng);

    /** E[w²] of a weight drawn by {@link #fill}. */
    double meanSquare(int fanIn, int fanOut);

    /** The name, as the CLI accepts it. */
    String label();

    /** He: N(0, 2/fan_in). */
    record He() implements Initializer {
        @Override
        public void fill(float[] weight, int fanIn, int fanOut, UniformRandomProvider rng) {
            gaussian(weight, Math.sqrt(meanSquare(fanIn, fanOut)), rng);
        }

        @Override
        public double meanSquare(int fanIn, int fanOut) {
            return 2.0 / fanIn;
        }

        @Override
        public String label() {
            return "he";
        }
    }

    /** Xavier/Glorot normal: N(0, 2/(fan_in + fan_out)). */
    record Xavier() implements Initializer {
        @Override
        public void fill(float[] weight, int fanIn, int fanOut, UniformRandomProvider rng) {
            gaussian(weight, Math.sqrt(meanSquare(fanIn, fanOut)), rng);
        }

        @Override
        public double meanSquare(int fanIn, int fanOut) {
            return 2.0 / (fanIn + fanOut);
        }

        @Override
        public String label() {
            return "xavier";
        }
    }

    /** Signed lognormal magnitudes with He's E[w²]; {@code sigma} is σ of ln|w|, positive. */
    record Lognormal(double sigma) implements Initializer {

        public Lognormal {
            if (!(sigma > 0 && sigma < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("sigma must be positive and finite, not " + sigma);
            }
        }

        /** μ = ½ ln(2/fan_in) − σ². */
        public double mu(int fanIn) {
            return 0.5 * Math.log(2.0 / fanIn) - sigma * sigma;
        }

        @Override
        public void fill(float[] weight, int fanIn, int fanOut, UniformRandomProvider rng) {
            ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
            double mu = mu(fanIn);
            for (int i = 0; i < weight.length; i++) {
                double magnitude = Math.exp(mu + sigma * z.sample());
                weight[i] = (float) (rng.nextBoolean() ? magnitude : -magnitude);
            }
        }

        @Override
        public double meanSquare(int fanIn, int fanOut) {
            return 2.0 / fanIn;
        }

        @Override
        public String label() {
            return "lognormal";
        }
    }

    /** Parses {@code he}, {@code xavier} (or {@code glorot}) or {@code lognormal}; σ applies to lognormal only. */
    static Initializer parse(String name, double sigma) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "he":
                return new He();
            case "xavier":
            case "glorot":
                return new Xavier();
            case "lognormal":
                return new Lognormal(sigma);
            default:
                throw new IllegalArgumentException("unknown initialiser '" + name + "': expected he, xavier or "
                        + "lognormal");
        }
    }

    private static void gaussian(float[] weight, double std, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) (std * z.sample());
        }
    }
}
