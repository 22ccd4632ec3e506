package org.jaynes.core;

/**
 * The argument checks that options and constructors across jaynes share, each refusing with an
 * {@link IllegalArgumentException} whose message names the value the same way everywhere:
 * {@code "threads must be at least 1, not 0"}. {@code what} is the value's name as a message starts it.
 */
public final class Checks {

    private Checks() {
    }

    /** Refuses {@code value} below {@code min}: "WHAT must be at least MIN, not VALUE". */
    public static void atLeast(String what, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", not " + value);
        }
    }

    /** Refuses a negative {@code value}: "WHAT must be non-negative, not VALUE". */
    public static void nonNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be non-negative, not " + value);
        }
    }

    /** Refuses a negative or NaN {@code value}: "WHAT must be non-negative, not VALUE". */
    public static void nonNegative(String what, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(what + " must be non-negative, not " + value);
        }
    }

    /** Refuses {@code value} unless 0 &lt; value &lt; ∞: "WHAT must be positive and finite, not VALUE". */
    public static void positiveFinite(String what, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(what + " must be positive and finite, not " + value);
        }
    }
}
