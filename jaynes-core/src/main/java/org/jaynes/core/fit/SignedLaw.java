package org.jaynes.core.fit;

/**
 * A law of w symmetric about 0, with density f(w) = f(−w). Its fold, the law of x = |w|, has density
 * 2f(x) on [0, ∞) and the same parameters, so the log-likelihood of n magnitudes under the fold is that
 * of the n signed values plus exactly n ln 2.
 */
public sealed interface SignedLaw extends FittedLaw permits NormalLaw, LaplaceLaw, GenNormLaw {

    /** ln 2. */
    double LN_2 = Math.log(2);

    /** ln of the density of x = |w| under the folded law: ln f(x) + ln 2 for x ≥ 0, −∞ below. */
    default double foldedLogDensity(double x) {
        return x < 0 ? Double.NEGATIVE_INFINITY : logDensity(x) + LN_2;
    }

    /** P(|W| ≤ x) = 2F(x) − 1, computed as 1 − 2F(−x) to keep the upper tail accurate; 0 for x ≤ 0. */
    default double foldedCumulativeProbability(double x) {
        return x > 0 ? 1 - 2 * cumulativeProbability(-x) : x <= 0 ? 0 : Double.NaN;
    }
}
