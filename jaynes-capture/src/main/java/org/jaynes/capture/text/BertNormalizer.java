package org.jaynes.capture.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The text normalisation of BERT, as HuggingFace {@code tokenizers} defines its {@code BertNormalizer},
 * applied in this order:
 * <ol>
 * <li>{@code cleanText}: drops U+0000, U+FFFD and control characters (general categories Cc, Cf, Co,
 *     Cs, but not tab, line feed and carriage return) and turns every white-space character into a space;
 * <li>{@code handleChineseChars}: puts a space on each side of every CJK ideograph, so each becomes a
 *     word of its own;
 * <li>{@code stripAccents}: canonical decomposition (NFD) of the whole text, then every nonspacing
 *     mark (Mn) dropped, so {@code é} becomes {@code e};
 * <li>{@code lowercase}: each code point replaced by its full lower case ({@code İ} gives two code
 *     points) without context, so a final capital sigma gives {@code σ}, as in the reference.
 * </ol>
 * Character classes come from the JDK's Unicode tables. The reference takes punctuation, marks and
 * control characters from Unicode 8.0 tables, so the two differ on a few hundred code points assigned or
 * re-categorised since (for example U+08D4..U+08E1, U+2E43..U+2E4F); none of them is common text.
 * Immutable and thread-safe.
 *
 * @param cleanText          drop control characters and make white space a plain space
 * @param handleChineseChars isolate CJK ideographs
 * @param stripAccents       decompose and drop nonspacing marks
 * @param lowercase          map to lower case
 */
record BertNormalizer(boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase) {

    /** The normaliser that changes nothing (a tokenizer.json with {@code "normalizer": null}). */
    static final BertNormalizer NONE = new BertNormalizer(false, false, false, false);

    /** The normalised form of {@code text}. */
    String normalize(String text) {
        String result = text;
        if (cleanText || handleChineseChars) {
            result = cleanAndIsolate(result);
        }
        if (stripAccents) {
            result = stripAccents(result);
        }
        if (lowercase) {
            result = lowercase(result);
        }
        return result;
    }

    private String cleanAndIsolate(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (cleanText && (c == 0 || c == 0xFFFD || Characters.isControl(c))) {
                return;
            }
            if (cleanText && Characters.isWhitespace(c)) {
                out.append(' ');
            } else if (handleChineseChars && Characters.isChinese(c)) {
                out.append(' ').appendCodePoint(c).append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String stripAccents(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String lowercase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x80) {
                out.append((char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
            } else {
                // One code point alone: the full mapping, with no final-sigma context.
                out.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
            }
        });
        return out.toString();
    }
}
