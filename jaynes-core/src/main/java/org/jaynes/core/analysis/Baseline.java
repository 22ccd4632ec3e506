package org.jaynes.core.analysis;

import java.util.Locale;

/** What each layer is analysed beside, so that "trained weights are lognormal" is measured against a null. */
public enum Baseline {
    /** No baseline. */
    NONE,
    /** A seeded Gaussian tensor of the layer's shape and standard deviation, zero mean: untrained weights. */
    GAUSSIAN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
