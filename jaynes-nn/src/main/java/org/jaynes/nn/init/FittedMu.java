package org.jaynes.nn.init;

import java.util.Locale;

/**
 * Which μ the {@code fitted} initialiser draws with; σ is always the source layer's.
 * <ul>
 * <li>{@link #HE} (the default): μ = ½ ln(2/fan_in) − σ², so that E[w²] equals He's for our layer's fan-in.
 *     σ is scale-free and comparable across networks, μ is not (docs/theory.md §2.7): a source layer with
 *     another fan-in, or trained to another scale, would otherwise make activations explode or vanish.</li>
 * <li>{@link #SOURCE}: the source layer's own μ, for networks of the source's widths.</li>
 * </ul>
 */
public enum FittedMu {
    HE,
    SOURCE;

    /** Lower case, as the CLI accepts and prints it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code he} or {@code source}. */
    public static FittedMu parse(String text) {
        for (FittedMu value : values()) {
            if (value.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown mu rule '" + text + "': expected he or source");
    }
}
