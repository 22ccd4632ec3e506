package org.jaynes.capture.text;

import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * The WordPiece model: each word becomes the longest vocabulary entry that starts it, then the longest
 * entry (spelled with the continuing-subword prefix, {@code ##}) that starts the rest, and so on
 * ({@code "tokenizer"} gives {@code token ##izer}). A word that cannot be covered so, or that has more
 * than {@code maxInputCharsPerWord} code points, becomes the unknown token as a whole. Greedy
 * longest-match-first, as in the original BERT and in HuggingFace {@code tokenizers}; cost O(n²) vocabulary
 * look-ups for a word of n characters, with n bounded by {@code maxInputCharsPerWord}. Immutable.
 *
 * @param vocabulary           token text to id
 * @param unknownToken         the token of words that cannot be covered
 * @param unknownId            its id
 * @param prefix               the spelling of a piece that continues a word
 * @param maxInputCharsPerWord longer words are unknown
 */
record WordPiece(Map<String, Integer> vocabulary, String unknownToken, int unknownId, String prefix,
        int maxInputCharsPerWord) {

    /** Passes the pieces of {@code word} to {@code pieces} as (text, id), in order. */
    void tokenize(String word, ObjIntConsumer<String> pieces) {
        if (word.codePointCount(0, word.length()) > maxInputCharsPerWord) {
            pieces.accept(unknownToken, unknownId);
            return;
        }
        int count = 0;
        String[] texts = new String[word.length()];
        int[] ids = new int[word.length()];
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer id = null;
            String piece = null;
            while (end > start) {
                piece = start == 0 ? word.substring(0, end) : prefix + word.substring(start, end);
                id = vocabulary.get(piece);
                if (id != null) {
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (id == null) {
                pieces.accept(unknownToken, unknownId);
                return;
            }
            texts[count] = piece;
            ids[count++] = id;
            start = end;
        }
        for (int i = 0; i < count; i++) {
            pieces.accept(texts[i], ids[i]);
        }
    }
}
