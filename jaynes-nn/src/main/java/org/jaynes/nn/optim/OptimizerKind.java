package org.jaynes.nn.optim;

import java.util.Locale;

/** The update rules: SGD with momentum, Adam (L2 weight decay in the gradient), AdamW (decoupled decay). */
public enum OptimizerKind {
    SGD, ADAM, ADAMW;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code sgd}, {@code adam} or {@code adamw}, ignoring case. */
    public static OptimizerKind parse(String text) {
        for (OptimizerKind kind : values()) {
            if (kind.label().equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + text + "': expected sgd, adam or adamw");
    }

    /** The usual learning rate: 0.01 for SGD, 0.001 for Adam and AdamW. */
    public double defaultLearningRate() {
        return this == SGD ? 0.01 : 0.001;
    }
}
