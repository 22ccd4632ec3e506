package org.jaynes.formats.numpy;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jaynes.formats.ModelFormatException;

/**
 * Parses the header of a {@code .npy} file: the repr of a Python dict with exactly the keys
 * {@code 'descr'} (a string), {@code 'fortran_order'} ({@code True} or {@code False}) and
 * {@code 'shape'} (a tuple of non-negative integers), in any order, then only whitespace. Nothing is
 * ever evaluated: the grammar is that small subset of Python literals and anything else is an error
 * naming its byte. Strings take single or double quotes and no escapes; integers may carry the
 * {@code L} suffix old numpy wrote; a shape has at most {@value #MAX_RANK} dimensions. Not thread-safe.
 */
final class NpyHeaderParser {

    static final String EXPECTED = "malformed header: expected %s, found %s";
    static final String DUPLICATE_KEY = "malformed header: key '%s' appears twice";
    static final String UNKNOWN_KEY = "malformed header: unexpected key '%s' (a header has 'descr', 'fortran_order' and 'shape')";
    static final String MISSING_KEY = "malformed header: no '%s'";
    static final String STRUCTURED = "structured dtypes (a 'descr' list of fields) are not supported";
    static final String RANK_TOO_HIGH = "shape has more than %d dimensions";
    static final String DIMENSION_TOO_LARGE = "shape dimension %d is larger than 2^63 - 1";

    /** The most dimensions numpy allows (NPY_MAXDIMS since numpy 2.0). */
    static final int MAX_RANK = 64;

    /** The header's values, each with the offset of its first byte relative to the header. */
    record Fields(String descr, int descrAt, boolean fortranOrder, long[] shape, int shapeAt) {
    }

    private final byte[] text;
    private final Charset charset;
    private final NpyLocation where;
    private final int base;
    private int at;

    /**
     * @param text    the header bytes
     * @param charset latin-1 for format versions 1 and 2, UTF-8 for version 3
     * @param where   where the bytes are, for errors
     * @param base    the offset of {@code text[0]} relative to the start of the .npy data
     */
    private NpyHeaderParser(byte[] text, Charset charset, NpyLocation where, int base) {
        this.text = text;
        this.charset = charset;
        this.where = where;
        this.base = base;
    }

    static Fields parse(byte[] text, Charset charset, NpyLocation where, int base) throws ModelFormatException {
        return new NpyHeaderParser(text, charset, where, base).dict();
    }

    private Fields dict() throws ModelFormatException {
        String descr = null;
        int descrAt = 0;
        Boolean fortran = null;
        long[] shape = null;
        int shapeAt = 0;
        skipSpace();
        expect('{', "'{'");
        skipSpace();
        while (peek() != '}') {
            int keyAt = at;
            String key = string("a quoted key");
            skipSpace();
            expect(':', "':'");
            skipSpace();
            switch (key) {
                case "descr" -> {
                    once(descr, key, keyAt);
                    if (peek() == '[') {
                        throw error(at, STRUCTURED);
                    }
                    descrAt = at;
                    descr = string("the descr string");
                }
                case "fortran_order" -> {
                    once(fortran, key, keyAt);
                    fortran = bool();
                }
                case "shape" -> {
                    once(shape, key, keyAt);
                    shapeAt = at;
                    shape = tuple();
                }
                default -> throw error(keyAt, UNKNOWN_KEY, key);
            }
            skipSpace();
            if (peek() == ',') {
                at++;
                skipSpace();
            } else if (peek() != '}') {
                throw error(at, EXPECTED, "',' or '}'", found());
            }
        }
        at++;
        skipSpace();
        if (at < text.length) {
            throw error(at, EXPECTED, "only whitespace after the header's '}'", found());
        }
        if (descr == null || fortran == null || shape == null) {
            throw error(0, MISSING_KEY, descr == null ? "descr" : fortran == null ? "fortran_order" : "shape");
        }
        return new Fields(descr, descrAt, fortran, shape, shapeAt);
    }

    private String string(String what) throws ModelFormatException {
        int quote = peek();
        if (quote != '\'' && quote != '"') {
            throw error(at, EXPECTED, what, found());
        }
        int start = ++at;
        while (at < text.length && text[at] != quote) {
            if (text[at] == '\\' || text[at] == '\n') {
                throw error(at, EXPECTED, "a string without escapes or line breaks", found());
            }
            at++;
        }
        if (at == text.length) {
            throw error(start - 1, EXPECTED, "a closing quote", "the end of the header");
        }
        return new String(text, start, at++ - start, charset);
    }

    private boolean bool() throws ModelFormatException {
        if (word("True")) {
            return true;
        }
        if (word("False")) {
            return false;
        }
        throw error(at, EXPECTED, "True or False", found());
    }

    private long[] tuple() throws ModelFormatException {
        int open = at;
        expect('(', "a tuple of integers");
        List<Long> dims = new ArrayList<>();
        boolean comma = false;
        skipSpace();
        while (peek() != ')') {
            if (dims.size() == MAX_RANK) {
                throw error(at, RANK_TOO_HIGH, MAX_RANK);
            }
            dims.add(integer(dims.size()));
            skipSpace();
            comma = peek() == ',';
            if (comma) {
                at++;
                skipSpace();
            } else if (peek() != ')') {
                throw error(at, EXPECTED, "',' or ')'", found());
            }
        }
        if (dims.size() == 1 && !comma) {
            throw error(open, EXPECTED, "a tuple (a one-element tuple needs a trailing comma)", "a parenthesised integer");
        }
        at++;
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private long integer(int index) throws ModelFormatException {
        int start = at;
        long value = 0;
        while (at < text.length && text[at] >= '0' && text[at] <= '9') {
            int digit = text[at] - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw error(start, DIMENSION_TOO_LARGE, index);
            }
            value = value * 10 + digit;
            at++;
        }
        if (at == start) {
            throw error(at, EXPECTED, "a non-negative integer", found());
        }
        if (peek() == 'L') {
            at++;
        }
        return value;
    }

    private boolean word(String word) {
        if (text.length - at < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (text[at + i] != word.charAt(i)) {
                return false;
            }
        }
        int after = at + word.length();
        if (after < text.length && Character.isLetterOrDigit(text[after])) {
            return false;
        }
        at = after;
        return true;
    }

    private void once(Object seen, String key, int keyAt) throws ModelFormatException {
        if (seen != null) {
            throw error(keyAt, DUPLICATE_KEY, key);
        }
    }

    private void expect(char c, String what) throws ModelFormatException {
        if (peek() != c) {
            throw error(at, EXPECTED, what, found());
        }
        at++;
    }

    private void skipSpace() {
        while (at < text.length && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) {
            at++;
        }
    }

    /** The byte at the cursor, or -1 at the end. */
    private int peek() {
        return at < text.length ? text[at] & 0xFF : -1;
    }

    /** The byte at the cursor as a message shows it. */
    private String found() {
        if (at >= text.length) {
            return "the end of the header";
        }
        int b = text[at] & 0xFF;
        return b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : String.format(Locale.ROOT, "byte 0x%02x", b);
    }

    private ModelFormatException error(int offset, String template, Object... args) {
        return where.error(base + offset, template, args);
    }
}
