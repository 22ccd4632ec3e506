package org.jaynes.formats;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The one sanitiser of everything a file names in a message: tensor names, keys, paths, pickle globals,
 * zip entries, messages of libraries that quote the file. A hostile name can then never split the one
 * error line, move the cursor or colour the terminal, nor flood it.
 *
 * <ul>
 * <li>Escaped: control characters ({@code \n}, {@code \r}, {@code \t} as themselves, other C0 and C1
 *     controls and DEL as {@code \x1b}), format characters such as bidirectional overrides and zero-width
 *     joiners, line and paragraph separators, and unpaired surrogates (what a malformed UTF-8 name decodes
 *     around), all as {@code \}{@code uXXXX} ({@code \UXXXXXXXX} above the BMP). Everything else, backslashes
 *     included, is shown as it is.
 * <li>Capped: a name keeps its first {@link #NAME_LIMIT} characters after escaping, then
 *     {@code ... (N characters)} with its full length; a path {@link #PATH_LIMIT} (the longest path Linux
 *     resolves, so the cap only ever cuts a path made up from file content).
 * </ul>
 * Cost: linear in the characters kept, whatever the input's length. Stateless and thread-safe.
 */
public final class MessageText {

    /** Characters of a name shown before it is cut short. */
    public static final int NAME_LIMIT = 120;

    /** Characters of a path shown before it is cut short: Linux's {@code PATH_MAX}. */
    public static final int PATH_LIMIT = 4096;

    /** Characters of a library's reason shown before it is cut short. */
    public static final int REASON_LIMIT = 480;

    /** Text already shown (escaped and capped), which {@link #format} passes on as it is. */
    public record Shown(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private MessageText() {
    }

    /** A name from a file, escaped and capped at {@link #NAME_LIMIT} characters. */
    public static String name(CharSequence text) {
        return shown(text, NAME_LIMIT);
    }

    /** A path, escaped and capped at {@link #PATH_LIMIT} characters. */
    public static String path(Path path) {
        return shown(path == null ? null : path.toString(), PATH_LIMIT);
    }

    /** A path as the user or a file spelled it, escaped and capped at {@link #PATH_LIMIT} characters. */
    public static String path(String path) {
        return shown(path, PATH_LIMIT);
    }

    /**
     * A library's reason for refusing a file (a parser's message, which may quote the file), escaped and
     * capped at {@link #REASON_LIMIT} characters: such reasons run longer than names, their point often last.
     */
    public static Shown reason(CharSequence text) {
        return new Shown(shown(text, REASON_LIMIT));
    }

    /**
     * Escapes {@code text} without cutting it: for a message assembled from parts that were each shown
     * through {@link #name} or {@link #path}, so that whatever slipped past them still stays on one line.
     */
    public static String escaped(CharSequence text) {
        return shown(text, Integer.MAX_VALUE);
    }

    /**
     * {@link String#format} in {@link Locale#ROOT}, with every {@link CharSequence} argument shown as a
     * {@link #name} and every {@link Path} as a {@link #path}; numbers, {@link Shown} text and values of
     * jaynes's own types (shapes, dtypes) are passed as they are.
     */
    public static String format(String template, Object... args) {
        Object[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof CharSequence text) {
                shown[i] = name(text);
            } else if (shown[i] instanceof Path path) {
                shown[i] = path(path);
            }
        }
        return String.format(Locale.ROOT, template, shown);
    }

    /** {@code text} escaped, cut after {@code limit} characters of output, with its full length when cut. */
    static String shown(CharSequence text, int limit) {
        if (text == null) {
            return "null";
        }
        int length = text.length();
        if (length <= limit && plain(text)) {
            return text.toString();
        }
        StringBuilder out = new StringBuilder(Math.min(length, limit) + 24);
        int i = 0;
        while (i < length) {
            int c = Character.codePointAt(text, i);
            String escape = escape(c);
            int added = escape == null ? Character.charCount(c) : escape.length();
            if (out.length() + added > limit) {
                break;
            }
            if (escape == null) {
                out.appendCodePoint(c);
            } else {
                out.append(escape);
            }
            i += Character.charCount(c);
        }
        if (i < length) {
            out.append("... (").append(length).append(" characters)");
        }
        return out.toString();
    }

    private static boolean plain(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f && needsEscape(Character.codePointAt(text, i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean needsEscape(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** How code point {@code c} is shown, or null when it is shown as it is. */
    private static String escape(int c) {
        if (!needsEscape(c)) {
            return null;
        }
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c <= 0xff ? String.format(Locale.ROOT, "\\x%02x", c)
                    : c <= 0xffff ? String.format(Locale.ROOT, "\\u%04x", c)
                    : String.format(Locale.ROOT, "\\U%08x", c);
        };
    }
}
