package org.jaynes.nn.init;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.jaynes.core.Checks;

/**
 * How a dense layer's weights start. Biases start at zero whatever the initialiser.
 * <ul>
 * <li>{@link He}: w ~ N(0, 2/fan_in), E[w²] = 2/fan_in (He et al. 2015, doi:10.1109/ICCV.2015.123).</li>
 * <li>{@link Xavier}: w ~ N(0, 2/(fan_in + fan_out)) (Glorot and Bengio 2010, PMLR 9:249).</li>
 * <li>{@link Lognormal}: w = ±exp(μ + σ z), z ~ N(0, 1), signs ±1 with probability ½ each, with
 *     μ = ½ ln(2/fan_in) − σ² so that E[w²] = exp(2μ + 2σ²) = 2/fan_in, He's (docs/theory.md §1, claim 7).</li>
 * <li>{@link Fitted}: w = ±exp(μ + σ z) with σ fitted to a trained model's layer of the same role
 *     ({@link FittedSource#match}) and μ by {@link FittedMu}.</li>
 * </ul>
 */
public sealed interface Initializer {

    /** The σ of {@code lognormal} when none is given. */
    double DEFAULT_SIGMA = 1.0;

    /** Fills a weight [fanOut, fanIn] from {@code rng}. */
    void fill(float[] weight, int fanIn, int fanOut, UniformRandomProvider rng);

    /**
     * Fills the weight at {@code position} [fanOut, fanIn]; the same as {@link #fill(float[], int, int,
     * UniformRandomProvider)} except for initialisers that depend on the layer's place.
     */
    default void fill(float[] weight, LayerPosition position, UniformRandomProvider rng) {
        fill(weight, position.fanIn(), position.fanOut(), rng);
    }

    /** The signed lognormal law the weights at {@code position} are drawn from, if they are. */
    default Optional<SignedLognormal> law(LayerPosition position) {
        return Optional.empty();
    }

    /** E[w²] of a weight drawn by {@link #fill}. */
    double meanSquare(int fanIn, int fanOut);

    /** The name, as the CLI accepts it. */
    String label();

    /** Zero-mean Gaussian weights whose variance is the initialiser's {@link #meanSquare}. */
    sealed interface Gaussian extends Initializer permits He, Xavier {
        @Override
        default void fill(float[] weight, int fanIn, int fanOut, UniformRandomProvider rng) {
            double std = Math.sqrt(meanSquare(fanIn, fanOut));
            ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < weight.length; i++) {
                weight[i] = (float) (std * z.sample());
            }
        }
    }

    /** He: N(0, 2/fan_in). */
    record He() implements Gaussian {
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
    record Xavier() implements Gaussian {
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
            Checks.positiveFinite("sigma", sigma);
        }

        /** μ = ½ ln(2/fan_in) − σ². */
        public double mu(int fanIn) {
            return SignedLognormal.heMu(fanIn, sigma);
        }

        @Override
        public void fill(float[] weight, int fanIn, int fanOut, UniformRandomProvider rng) {
            new SignedLognormal(mu(fanIn), sigma).fill(weight, rng);
        }

        @Override
        public Optional<SignedLognormal> law(LayerPosition position) {
            return Optional.of(new SignedLognormal(mu(position.fanIn()), sigma));
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

    /**
     * Each layer drawn from the lognormal fitted to its source layer ({@link FittedSource#match}): σ the
     * source's, μ by {@code mu}. Depends on the layer's place, so only {@link #fill(float[], LayerPosition,
     * UniformRandomProvider)} draws.
     */
    record Fitted(FittedSource source, FittedMu mu) implements Initializer {

        /** The law of the layer at {@code position}. */
        public SignedLognormal lawAt(LayerPosition position) {
            FittedSource.SourceLayer from = source.match(position.count()).get(position.index());
            double m = mu == FittedMu.HE ? SignedLognormal.heMu(position.fanIn(), from.sigma()) : from.mu();
            return new SignedLognormal(m, from.sigma());
        }

        /** Which source layer each of {@code count} weight layers is drawn from, in order. */
        public List<FittedSource.SourceLayer> sources(int count) {
            return source.match(count);
        }

        @Override
        public void fill(float[] weight, int fanIn, int fanOut, UniformRandomProvider rng) {
            throw new IllegalStateException("fitted draws depend on the layer's place: call fill(weight, position, "
                    + "rng)");
        }

        @Override
        public void fill(float[] weight, LayerPosition position, UniformRandomProvider rng) {
            lawAt(position).fill(weight, rng);
        }

        @Override
        public Optional<SignedLognormal> law(LayerPosition position) {
            return Optional.of(lawAt(position));
        }

        /** He's under {@link FittedMu#HE}; otherwise not known without the layer's place (NaN). */
        @Override
        public double meanSquare(int fanIn, int fanOut) {
            return mu == FittedMu.HE ? 2.0 / fanIn : Double.NaN;
        }

        @Override
        public String label() {
            return "fitted";
        }
    }

    /**
     * Parses {@code he}, {@code xavier} (or {@code glorot}) or {@code lognormal}; σ applies to lognormal only.
     * {@code fitted} needs a source model: build {@link Fitted} directly.
     */
    static Initializer parse(String name, double sigma) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "he":
                return new He();
            case "xavier":
            case "glorot":
                return new Xavier();
            case "lognormal":
                return new Lognormal(sigma);
            case "fitted":
                throw new IllegalArgumentException("the fitted initialiser needs a model to fit (--init-from MODEL)");
            default:
                throw new IllegalArgumentException("unknown initialiser '" + name + "': expected he, xavier, "
                        + "lognormal or fitted");
        }
    }
}
