package org.jaynes.capture.text;

import java.util.function.Consumer;

/**
 * Splits normalised text into words, as HuggingFace {@code tokenizers} defines its
 * {@code BertPreTokenizer}: white space separates words and is dropped, and every punctuation character
 * ({@link Characters#isPunctuation}) is a word of its own. {@code "Hi, it's 3.5!"} gives
 * {@code Hi , it ' s 3 . 5 !}. Stateless.
 */
final class BertPreTokenizer {

    private BertPreTokenizer() {
    }

    /** Passes each word of {@code text} to {@code words}, in order; never an empty one. */
    static void split(String text, Consumer<String> words) {
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean space = Characters.isWhitespace(c);
            if (space || Characters.isPunctuation(c)) {
                if (i > start) {
                    words.accept(text.substring(start, i));
                }
                if (!space) {
                    words.accept(text.substring(i, next));
                }
                start = next;
            }
            i = next;
        }
        if (text.length() > start) {
            words.accept(text.substring(start));
        }
    }
}
