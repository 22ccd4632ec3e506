package org.jaynes.capture.text;

/**
 * Filling an encoding up to a fixed length with a padding token whose attention mask is 0, as the
 * tokenizer file declares ({@code "padding": {"strategy": {"Fixed": 128}}}). HuggingFace's
 * {@code BatchLongest} pads a batch to its longest member; a single text is its own longest member, so
 * only {@code padToMultipleOf} can lengthen it. Immutable.
 *
 * @param fixedLength     the length to pad to, or 0 for batch-longest
 * @param padToMultipleOf round the length up to a multiple of this, or 0
 * @param padId           the id of the padding token
 * @param padTypeId       its type id
 * @param padToken        its text
 * @param atStart         pad before the tokens instead of after
 */
record Padding(int fixedLength, int padToMultipleOf, int padId, int padTypeId, String padToken, boolean atStart) {

    /** The length an encoding of {@code length} ids is padded to (at least {@code length}). */
    int paddedLength(int length) {
        int target = fixedLength > 0 ? fixedLength : length;
        if (padToMultipleOf > 0 && target % padToMultipleOf != 0) {
            target += padToMultipleOf - target % padToMultipleOf;
        }
        return Math.max(length, target);
    }
}
