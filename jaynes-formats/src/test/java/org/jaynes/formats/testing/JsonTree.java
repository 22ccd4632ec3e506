package org.jaynes.formats.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON sidecar (the expected values a fixture script wrote) into maps (in file order), lists,
 * strings, booleans, nulls and numbers, for the readers' tests to compare against. The whole file is
 * read at once: sidecars are small.
 */
public final class JsonTree {

    /** How JSON numbers are given. */
    public enum Numbers {
        /** Every number as a {@link Double}. */
        DOUBLES,
        /**
         * Integers as Jackson sizes them ({@link Integer}, {@link Long}, or {@link java.math.BigInteger}
         * beyond 64 bits), so that large integers stay exact; other numbers as {@link Double}.
         */
        EXACT
    }

    private JsonTree() {
    }

    /** A test resource by its absolute name ({@code /onnx/fixtures.json}), numbers as doubles. */
    public static Object resource(String name) throws IOException {
        try (InputStream in = JsonTree.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return read(in, Numbers.DOUBLES);
        }
    }

    /** A JSON file, numbers as doubles. */
    public static Object file(Path file) throws IOException {
        return file(file, Numbers.DOUBLES);
    }

    /** A JSON file, numbers as {@code numbers} says. */
    public static Object file(Path file, Numbers numbers) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, numbers);
        }
    }

    /** A value known to be a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    /** A value known to be a JSON array. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value) {
        return (List<Object>) value;
    }

    /** A JSON array of numbers as longs. */
    public static long[] longs(Object list) {
        return ((List<?>) list).stream().mapToLong(d -> ((Number) d).longValue()).toArray();
    }

    /** A JSON array of numbers as doubles. */
    public static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(d -> ((Number) d).doubleValue()).toArray();
    }

    private static Object read(InputStream in, Numbers numbers) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(in)) {
            parser.nextToken();
            return value(parser, numbers);
        }
    }

    private static Object value(JsonParser parser, Numbers numbers) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    object.put(key, value(parser, numbers));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, numbers));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return numbers == Numbers.EXACT ? parser.getNumberValue() : (Object) parser.getDoubleValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return token == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }
}
