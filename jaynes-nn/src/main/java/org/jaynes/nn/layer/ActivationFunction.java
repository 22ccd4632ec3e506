package org.jaynes.nn.layer;

import java.util.Locale;

/**
 * Element-wise non-linearities and their derivatives. GELU is the tanh form
 * 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))) (Hendrycks and Gimpel 2016, arXiv:1606.08415), which is
 * PyTorch's {@code GELU(approximate='tanh')}; it differs from the erf form by less than 5e-4.
 */
public enum ActivationFunction {
    RELU, GELU, TANH;

    private static final double GELU_C = Math.sqrt(2 / Math.PI);
    private static final double GELU_A = 0.044715;

    /** f(x). */
    public float apply(float x) {
        switch (this) {
            case RELU:
                return x > 0 ? x : 0f;
            case TANH:
                return (float) Math.tanh(x);
            default:
                double t = Math.tanh(GELU_C * (x + GELU_A * x * x * x));
                return (float) (0.5 * x * (1 + t));
        }
    }

    /** f'(x), given x and y = f(x). */
    public float derivative(float x, float y) {
        switch (this) {
            case RELU:
                return x > 0 ? 1f : 0f;
            case TANH:
                return 1f - y * y;
            default:
                double u = GELU_C * (x + GELU_A * x * x * x);
                double t = Math.tanh(u);
                double du = GELU_C * (1 + 3 * GELU_A * x * x);
                return (float) (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code relu}, {@code gelu} or {@code tanh}, ignoring case. */
    public static ActivationFunction parse(String text) {
        for (ActivationFunction f : values()) {
            if (f.label().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + text + "': expected relu, gelu or tanh");
    }
}
