package org.jaynes.core.tensor;

import java.util.Locale;

/** What a weight tensor does in its network, as far as its name and shape tell. */
public enum Role {
    EMBEDDING,
    ATTENTION_QUERY,
    ATTENTION_KEY,
    ATTENTION_VALUE,
    /** Query, key and value fused in one matrix. */
    ATTENTION_QKV,
    ATTENTION_OUTPUT,
    MLP_UP,
    MLP_GATE,
    MLP_DOWN,
    DENSE,
    CONVOLUTION,
    OUTPUT_HEAD,
    NORMALIZATION,
    BIAS,
    OTHER;

    /** Lower-case, dash-separated label as printed in reports: {@code attention-query}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
