package org.jaynes.core.fit;

import java.io.Serializable;
import org.apache.commons.numbers.gamma.Erfc;

/**
 * Vuong's likelihood-ratio test of two non-nested laws fitted to the same n values (Vuong 1989,
 * "Likelihood ratio tests for model selection and non-nested hypotheses", Econometrica 57(2) 307–333,
 * doi:10.2307/1912557). With l_i = ln f₁(x_i) − ln f₂(x_i),
 * z = Σ l_i / (√n ω), ω² = mean l_i² − (mean l_i)²; under the hypothesis that both laws are equally close
 * to the truth, z is asymptotically N(0, 1). Positive z favours f₁ (in jaynes, always the lognormal).
 *
 * @param z the statistic; NaN when ω = 0 (the laws agree on every value) or the inputs are NaN
 * @param p the two-sided p-value erfc(|z|/√2); 0 when it underflows (|z| &gt; 38.5)
 */
public record Vuong(double z, double p) implements Serializable {

    /** The test's result from n, Σ l_i and Σ l_i². */
    public static Vuong of(long n, double sumRatio, double sumSquaredRatio) {
        double mean = sumRatio / n;
        double omegaSquared = sumSquaredRatio / n - mean * mean;
        if (!(omegaSquared > 0) || n < 2) {
            return new Vuong(Double.NaN, Double.NaN);
        }
        double z = sumRatio / (Math.sqrt(n * omegaSquared));
        return new Vuong(z, Erfc.value(Math.abs(z) / Math.sqrt(2)));
    }
}
