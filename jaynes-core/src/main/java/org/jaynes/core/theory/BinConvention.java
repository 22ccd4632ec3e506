package org.jaynes.core.theory;

/**
 * How a population's magnitudes are binned when the game's utilities are matched to a lognormal
 * (docs/theory.md §2.6). With bins equal in w the bin occupancy is x(w) ∝ w^α exp(−β (ln w)²), and the
 * lognormal's 1/w Jacobian shifts μ by 1/(2β); with bins equal in ln w it does not.
 */
public enum BinConvention {
    /** Bins of equal width in ln w (the default: they resolve the small weights). μ = α/(2β). */
    LOG("bins equal in ln w"),
    /** Bins of equal width in w. μ = (α + 1)/(2β). */
    LINEAR("bins equal in w");

    private final String description;

    BinConvention(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The command-line and JSON spelling: {@code log}, {@code linear}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
