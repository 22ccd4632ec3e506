package org.jaynes.capture.text;

/**
 * The character classes of BERT tokenization, by code point, as HuggingFace {@code tokenizers} defines
 * them. White space is the Unicode {@code White_Space} property (which Java's
 * {@link Character#isWhitespace} does not follow: it leaves out no-break spaces and counts U+001C..U+001F).
 * Stateless.
 */
final class Characters {

    private Characters() {
    }

    /** Unicode {@code White_Space}: the characters that separate words. */
    static boolean isWhitespace(int c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
                || c == 0x205F || c == 0x3000;
    }

    /**
     * Control, format, private-use and surrogate characters (Cc, Cf, Co, Cs), except tab, line feed and
     * carriage return, which count as white space.
     */
    static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
    }

    /** ASCII punctuation (which includes symbols such as {@code $+<=>^`|~}) or any Unicode P* category. */
    static boolean isPunctuation(int c) {
        if (c < 0x80) {
            return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60)
                    || (c >= 0x7B && c <= 0x7E);
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /**
     * The CJK ideograph blocks of the original BERT: Unified Ideographs and Extensions A to E, and the
     * Compatibility Ideographs with their supplement. Hangul, kana and CJK punctuation are not included.
     */
    static boolean isChinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B920 && c <= 0x2CEAF) || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
