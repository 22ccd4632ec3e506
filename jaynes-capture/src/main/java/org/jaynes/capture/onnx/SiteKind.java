package org.jaynes.capture.onnx;

/**
 * What a capture site's tensor holds: the output of one activation function, or the attention
 * probabilities of a transformer layer (a softmax over query-key scores, kept apart from an ordinary
 * softmax such as a classifier's because its population is a different object).
 */
public enum SiteKind {
    RELU("relu"),
    /** The Gelu operator, or its Erf pattern x·0.5·(1 + erf(x/√2)) in any exported order. */
    GELU("gelu"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    SOFTMAX("softmax"),
    /**
     * A Softmax fed by Q·Kᵀ (a MatMul or Einsum of two activations), possibly through a scale and an additive
     * mask, or feeding an Einsum with another activation (the probabilities weighting V).
     */
    ATTENTION_PROBABILITIES("probs");

    private final String label;

    SiteKind(String label) {
        this.label = label;
    }

    /** The last part of a site's name: {@code gelu}, {@code probs}. */
    public String label() {
        return label;
    }

    /** What produced the values, as reports name it: {@code gelu}, {@code attention-probabilities}. */
    public String function() {
        return this == ATTENTION_PROBABILITIES ? "attention-probabilities" : label;
    }
}
