package org.jaynes.core.fit;

import java.io.Serializable;
import java.util.Map;

/**
 * A law fitted to a population: a magnitude law of x = |w| ({@link MagnitudeLaw}) or a zero-centred law
 * of w ({@link SignedLaw}). Implementations are immutable records, one per {@link Family},
 * serialisable as the results that carry them are.
 */
public sealed interface FittedLaw extends Serializable permits MagnitudeLaw, SignedLaw {

    /** The family this law belongs to. */
    Family family();

    /** The parameters by name, in the order of {@link Family#parameterNames()}. */
    Map<String, Double> parameters();

    /** ln f(v), the natural log of the density at v (−∞ outside the support). */
    double logDensity(double v);

    /** F(v) = P(V ≤ v). */
    double cumulativeProbability(double v);
}
