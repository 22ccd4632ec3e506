package org.jaynes.core.fit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The laws a population is fitted to (docs/theory.md §5), by maximum likelihood on its n non-zero finite
 * values w.
 *
 * <p>Magnitude families are laws of x = |w| on (0, ∞), location fixed at 0: {@link #LOGNORMAL},
 * {@link #HALFNORMAL}, {@link #EXPONENTIAL}, {@link #WEIBULL}, {@link #GAMMA}. Signed families are
 * zero-centred laws of w: {@link #NORMAL}, {@link #LAPLACE}, {@link #GENNORM}. The location 0 is fixed,
 * not fitted, and not counted among the free parameters.
 *
 * <p>Why zero-centred: a symmetric law f of w and its fold 2f(x) of x = |w| then have the same
 * parameters and their log-likelihoods differ by exactly n ln 2 (normal ↔ half-normal, Laplace ↔
 * exponential, generalised normal ↔ its fold), so the laws of w and of |w| are compared on the same data.
 * A free location would break the identity and fit the mean of w, which the theory does not ask about.
 */
public enum Family {

    /** ln x ~ N(mu, sigma²). */
    LOGNORMAL("lognormal", "lognormal", false, "mu", "sigma"),
    /** |N(0, scale²)|. */
    HALFNORMAL("halfnormal", "half-normal", false, "scale"),
    /** Exponential with mean {@code scale}. */
    EXPONENTIAL("exponential", "exponential", false, "scale"),
    /** Weibull: P(X > x) = exp(−(x/scale)^shape). */
    WEIBULL("weibull", "Weibull", false, "shape", "scale"),
    /** Gamma: density ∝ x^(shape−1) e^(−x/scale). */
    GAMMA("gamma", "gamma", false, "shape", "scale"),
    /** N(0, scale²). */
    NORMAL("normal", "normal", true, "scale"),
    /** Laplace: density e^(−|w|/scale) / (2 scale). */
    LAPLACE("laplace", "Laplace", true, "scale"),
    /** Generalised normal: density ∝ exp(−(|w|/scale)^beta). */
    GENNORM("gennorm", "generalised normal", true, "beta", "scale");

    private final String key;
    private final String displayName;
    private final boolean signed;
    private final List<String> parameterNames;

    Family(String key, String displayName, boolean signed, String... parameterNames) {
        this.key = key;
        this.displayName = displayName;
        this.signed = signed;
        this.parameterNames = List.of(parameterNames);
    }

    /** The key in machine-readable outputs: {@code lognormal}, {@code halfnormal}, ... */
    public String key() {
        return key;
    }

    /** The name in sentences: {@code half-normal}, {@code Weibull}, ... */
    public String displayName() {
        return displayName;
    }

    /** True for the laws of w, false for the laws of |w|. */
    public boolean isSigned() {
        return signed;
    }

    /** The free parameters, in the order reports list them. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** The number of free parameters k in AIC = 2k − 2 ln L and BIC = k ln n − 2 ln L. */
    public int parameterCount() {
        return parameterNames.size();
    }

    /** The five laws of |w|, lognormal first. */
    public static List<Family> magnitudeFamilies() {
        return Arrays.stream(values()).filter(f -> !f.signed).collect(Collectors.toUnmodifiableList());
    }

    /** The three zero-centred laws of w. */
    public static List<Family> signedFamilies() {
        return Arrays.stream(values()).filter(f -> f.signed).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The family with the given {@link #key()}.
     *
     * @throws IllegalArgumentException naming the accepted keys, when there is none
     */
    public static Family ofKey(String key) {
        for (Family family : values()) {
            if (family.key.equals(key)) {
                return family;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown family '%s'; expected one of %s",
                key, Arrays.stream(values()).map(Family::key).collect(Collectors.joining(", "))));
    }
}
