package org.jaynes.core.fit;

import java.util.Map;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.jaynes.core.stats.FitInput;

/**
 * The gamma law: density f(x) = x^(a−1) e^(−x/θ) / (Γ(a) θ^a) on x &gt; 0.
 *
 * <p>Maximum likelihood: â solves ln a − ψ(a) = ln(mean x) − mean ln x ({@link GammaShape}), θ̂ = mean x / â.
 * ln L = n(−ln Γ(a) − a ln θ + (a − 1) mean ln x − mean x / θ) needs only the exact sums of x and ln x.
 *
 * @param shape a &gt; 0
 * @param scale θ &gt; 0
 */
public record GammaLaw(double shape, double scale) implements MagnitudeLaw {

    /** The maximum-likelihood gamma law of a population; NaN parameters when the magnitudes are all equal. */
    public static GammaLaw fit(FitInput input) {
        double shape = GammaShape.solve(Math.log(input.meanAbs()) - input.meanLog());
        return new GammaLaw(shape, input.meanAbs() / shape);
    }

    @Override
    public Family family() {
        return Family.GAMMA;
    }

    @Override
    public Map<String, Double> parameters() {
        return Parameters.of(family(), shape, scale);
    }

    @Override
    public LogDensity logDensityFunction() {
        double constant = -LogGamma.value(shape) - shape * Math.log(scale);
        return (u, x) -> constant + (shape - 1) * u - x / scale;
    }

    @Override
    public double cumulativeProbabilityAtLog(double u) {
        return RegularizedGamma.P.value(shape, Math.exp(u) / scale);
    }

    /** ln L over the population's n magnitudes, from its exact sums. */
    public double logLikelihood(FitInput input) {
        return input.n() * (-LogGamma.value(shape) - shape * Math.log(scale) + (shape - 1) * input.meanLog()
                - input.meanAbs() / scale);
    }
}
