package org.jaynes.core.theory;

/**
 * σ of ln|w| under the null models a trained layer must be told apart from (docs/theory.md §5.7). Both are
 * scale-free: whatever the width of the law, ln|w| has the same standard deviation.
 */
public final class NullModels {

    /** Gaussian weights: ln|w| of a half-normal has variance π²/8, so σ = π/√8 ≈ 1.1107. */
    public static final double GAUSSIAN_SIGMA = Math.PI / Math.sqrt(8);

    /** Laplace weights: ln|w| of an exponential has variance π²/6, so σ = π/√6 ≈ 1.2825. */
    public static final double LAPLACE_SIGMA = Math.PI / Math.sqrt(6);

    private NullModels() {
    }
}
