package org.jaynes.core.analysis;

/** Why a tensor is not a population. Set-aside tensors are still listed in every report. */
public enum SetAsideReason {
    /** Rank 0 or 1: biases and normalisation gains, reported apart (docs/theory.md §4). */
    RANK_BELOW_TWO("rank below 2"),
    /** Fewer elements than {@link AnalysisOptions#minElements()}. */
    TOO_FEW_ELEMENTS("fewer elements than --min-elements"),
    /** Integer or boolean values that are not weights (indices, shapes, masks). */
    NOT_FLOATING_POINT("not floating point"),
    /** Not matched by {@code --include}. */
    NOT_INCLUDED("not matched by --include"),
    /** Matched by {@code --exclude}. */
    EXCLUDED("matched by --exclude");

    private final String description;

    SetAsideReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
