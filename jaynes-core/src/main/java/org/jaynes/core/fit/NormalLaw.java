package org.jaynes.core.fit;

import java.util.Map;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.StandardNormal;

/**
 * The zero-centred normal law N(0, s²) of w: density f(w) = exp(−w²/(2s²)) / (s√(2π)).
 *
 * <p>Maximum likelihood with the mean fixed at 0: ŝ² = mean w². ln L = −n(½ ln 2π + ln s + mean w²/(2s²)),
 * from the exact sum of squares: that of {@link HalfNormalLaw} on |w| minus n ln 2.
 *
 * @param scale s &gt; 0
 */
public record NormalLaw(double scale) implements SignedLaw {

    /** The maximum-likelihood zero-centred normal law of a population. */
    public static NormalLaw fit(FitInput input) {
        return new NormalLaw(Math.sqrt(input.meanSquare()));
    }

    @Override
    public Family family() {
        return Family.NORMAL;
    }

    @Override
    public Map<String, Double> parameters() {
        return Parameters.of(family(), scale);
    }

    @Override
    public double logDensity(double w) {
        double z = w / scale;
        return -LognormalLaw.HALF_LN_TWO_PI - Math.log(scale) - 0.5 * z * z;
    }

    @Override
    public double cumulativeProbability(double w) {
        return StandardNormal.cdf(w / scale);
    }

    /** ln L over the population's n values, from its exact sums. */
    public double logLikelihood(FitInput input) {
        return -input.n() * (LognormalLaw.HALF_LN_TWO_PI + Math.log(scale)
                + input.meanSquare() / (2 * scale * scale));
    }
}
