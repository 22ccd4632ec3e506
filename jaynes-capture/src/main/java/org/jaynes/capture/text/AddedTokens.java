package org.jaynes.capture.text;

import java.util.List;

/**
 * The added tokens of a tokenizer ({@code [CLS]}, {@code [MASK]}, ...) found in the raw text before it
 * is normalised: a text that spells {@code [MASK]} gets that token's id, as with HuggingFace
 * {@code tokenizers}. Matches are leftmost, and the longest where several start at the same place.
 * Only tokens matched on the raw text with no stripping of neighbouring space are supported (the reader
 * refuses the others). O(text length × tokens). Immutable.
 *
 * @param contents the tokens' texts
 * @param ids      their ids, in the same order
 */
record AddedTokens(List<String> contents, List<Integer> ids) {

    /** Receives the parts of a text in order: plain text, or an added token. */
    interface Parts {

        void text(String text);

        void token(String content, int id);
    }

    AddedTokens {
        contents = List.copyOf(contents);
        ids = List.copyOf(ids);
    }

    /** Splits {@code text} at every added token; empty plain parts are not passed. */
    void split(String text, Parts parts) {
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            int match = longestAt(text, i);
            if (match < 0) {
                i++;
                continue;
            }
            if (i > start) {
                parts.text(text.substring(start, i));
            }
            parts.token(contents.get(match), ids.get(match));
            i += contents.get(match).length();
            start = i;
        }
        if (text.length() > start) {
            parts.text(text.substring(start));
        }
    }

    private int longestAt(String text, int at) {
        int best = -1;
        for (int t = 0; t < contents.size(); t++) {
            String content = contents.get(t);
            if (!content.isEmpty() && text.startsWith(content, at)
                    && (best < 0 || content.length() > contents.get(best).length())) {
                best = t;
            }
        }
        return best;
    }
}
