package org.jaynes.capture.text;

import java.util.Arrays;
import java.util.List;

/**
 * The model inputs made from one text: token ids, token type ids (segment ids; 0 for a single text) and
 * the attention mask (1 for a token, 0 for padding), all of the same length, with the tokens' texts for
 * reading. The arrays are the caller's to keep; records compare arrays by identity, so compare with
 * {@link Arrays#equals(int[], int[])}.
 *
 * @param ids           the token ids, {@code [CLS]} and {@code [SEP]} included
 * @param typeIds       the token type ids
 * @param attentionMask 1 where there is a token, 0 where there is padding
 * @param tokens        the tokens as text ({@code [CLS]}, {@code token}, {@code ##izer}, ...)
 */
public record Encoding(int[] ids, int[] typeIds, int[] attentionMask, List<String> tokens) {

    public Encoding {
        if (typeIds.length != ids.length || attentionMask.length != ids.length || tokens.size() != ids.length) {
            throw new IllegalArgumentException("lengths differ: " + ids.length + " ids, " + typeIds.length
                    + " type ids, " + attentionMask.length + " mask values, " + tokens.size() + " tokens");
        }
        tokens = List.copyOf(tokens);
    }

    /** The number of ids (padding included). */
    public int length() {
        return ids.length;
    }

    /** The number of ids that are not padding. */
    public int tokenCount() {
        int count = 0;
        for (int m : attentionMask) {
            count += m;
        }
        return count;
    }

    @Override
    public String toString() {
        return "Encoding" + tokens;
    }
}
