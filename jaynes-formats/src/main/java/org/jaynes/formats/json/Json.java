package org.jaynes.formats.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The JSON parser factory of the readers of JSON-based files (safetensors headers and indexes, PyTorch
 * indexes, TF.js manifests), and words for JSON tokens, values and Jackson's errors in the one-line
 * messages users see. Shared by the readers; not an API. Thread-safe.
 */
public final class Json {

    /**
     * Parsers for untrusted JSON. Field names are canonicalised (the byte-stream parser Jackson picks
     * then reports byte offsets) but not interned into the JVM's string pool, and a flood of
     * colliding names degrades the symbol table instead of failing with an unchecked exception.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.FAIL_ON_SYMBOL_HASH_OVERFLOW)
            .build();

    /** Longest quoted value shown in a message; a hostile file may hold megabytes in one string. */
    private static final int MAX_SHOWN = 40;

    // Jackson appends where the error is; the message already starts with the byte offset.
    private static final Pattern SOURCE =
            Pattern.compile("\\s*\\([^()\\[]*\\[Source:[^\\]]*\\]\\)|\\s*\\[Source:[^\\]]*\\]");

    private Json() {
    }

    /** {@code object}, {@code array}, {@code string}, {@code number}, {@code boolean}, {@code null}. */
    public static String kind(JsonToken token) {
        if (token == null) {
            return "end";
        }
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The current value as JSON would spell it ({@code -3}, {@code 2.5}, {@code "4"}), or its kind. */
    public static String value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null || token.isStructStart()) {
            return "an " + kind(token);
        }
        String text = shortened(parser.getText());
        return token == JsonToken.VALUE_STRING ? '"' + text + '"' : text;
    }

    /** A text cut to a readable length: its first 40 characters and {@code ...} when longer. */
    public static String shortened(String text) {
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
    }

    /** Jackson's reason for a syntax error, on one line and without its location suffix. */
    public static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return SOURCE.matcher(message).replaceAll("").strip();
    }

    /** A byte for a message: {@code 'x'} when printable ASCII, else {@code byte 0xc3}. */
    public static String byteText(byte b) {
        int value = b & 0xff;
        return value >= 0x21 && value < 0x7f
                ? "'" + (char) value + "'"
                : String.format(Locale.ROOT, "byte 0x%02x", value);
    }
}
