package org.jaynes.capture.text;

/**
 * The longest encoding made, special tokens included: longer texts lose tokens at the end
 * ({@code fromStart} false, HuggingFace's direction {@code Right}) or at the start. Immutable.
 *
 * @param maxLength the most ids of an encoding, special tokens included
 * @param fromStart drop the first tokens of the text instead of the last
 * @param declared  whether the tokenizer file set this length (else it is {@link #DEFAULT_MAX_LENGTH})
 */
public record Truncation(int maxLength, boolean fromStart, boolean declared) {

    /** The length used when the tokenizer file declares none: the length MiniLM and BERT were run with. */
    public static final int DEFAULT_MAX_LENGTH = 128;

    public Truncation {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maximum length " + maxLength + " is not positive");
        }
    }

    /** Cuts {@code tokens} text tokens to fit with {@code added} special tokens: the number to keep. */
    int keep(int tokens, int added) {
        return Math.max(0, Math.min(tokens, maxLength - added));
    }
}
