package org.jaynes.capture.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.json.Json;

/**
 * One value of a small JSON document (a {@code tokenizer.json}) with its path from the root, so that a
 * wrong value is reported as {@code FILE: model.type: ...}. The whole document is held in memory: a
 * tokenizer file is a vocabulary of tens of thousands of short strings, a few megabytes at most.
 * Objects keep their key order. Immutable.
 *
 * @param file  the file named in messages
 * @param path  the dotted path of this value ({@code model.vocab}); empty for the root
 * @param value a {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Long},
 *              {@code Double}, {@code Boolean} or {@code null}
 */
record JsonNode(Path file, String path, Object value) {

    static final String NOT_JSON = "not valid JSON: %s";
    static final String WRONG_TYPE = "%s is a JSON %s, expected %s";
    static final String MISSING = "%s has no \"%s\"";

    /** Reads a whole JSON document; syntax errors name the byte where they are. */
    static JsonNode read(InputStream in, Path file) throws IOException, ModelFormatException {
        try (JsonParser parser = Json.FACTORY.createParser(in)) {
            if (parser.nextToken() == null) {
                throw ModelFormatException.at(file, 0, NOT_JSON, "the file is empty");
            }
            Object root = value(parser);
            if (parser.nextToken() != null) {
                throw ModelFormatException.at(file, parser.currentLocation().getByteOffset(), NOT_JSON,
                        "more content after the end of the document");
            }
            return new JsonNode(file, "", root);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? ModelFormatException.NO_OFFSET
                    : Math.max(0, e.getLocation().getByteOffset());
            throw ModelFormatException.at(file, at, NOT_JSON, Json.describe(e));
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        // Jackson itself fails on a document that ends early, so the token is never null here.
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    fields.put(name, value(parser));
                }
                yield Collections.unmodifiableMap(fields);
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser));
                }
                yield Collections.unmodifiableList(items);
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getValueAsLong();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The member {@code name} of this object; a JSON {@code null} when it is absent. */
    JsonNode get(String name) throws ModelFormatException {
        Map<String, Object> fields = fields();
        return new JsonNode(file, child(name), fields.get(name));
    }

    /** The member {@code name}, which must be present (it may be JSON {@code null}). */
    JsonNode require(String name) throws ModelFormatException {
        if (!fields().containsKey(name)) {
            throw ModelFormatException.at(file, ModelFormatException.NO_OFFSET, MISSING, describedPath(), name);
        }
        return get(name);
    }

    boolean isNull() {
        return value == null;
    }

    /** The members of this object, in file order. */
    @SuppressWarnings("unchecked")
    Map<String, Object> fields() throws ModelFormatException {
        return (Map<String, Object>) as(Map.class, "object");
    }

    /** The items of this array, each with its path ({@code post_processor.single[2]}). */
    List<JsonNode> items() throws ModelFormatException {
        List<?> list = as(List.class, "array");
        List<JsonNode> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            items.add(new JsonNode(file, path + "[" + i + "]", list.get(i)));
        }
        return items;
    }

    String text() throws ModelFormatException {
        return as(String.class, "string");
    }

    boolean bool() throws ModelFormatException {
        return as(Boolean.class, "boolean");
    }

    /** A whole number in [{@code min}, {@code Integer.MAX_VALUE}]. */
    int integer(int min) throws ModelFormatException {
        long number = as(Long.class, "integer");
        if (number < min || number > Integer.MAX_VALUE) {
            throw ModelFormatException.at(file, ModelFormatException.NO_OFFSET,
                    "%s is %d, expected an integer from %d to %d", describedPath(), number, min, Integer.MAX_VALUE);
        }
        return (int) number;
    }

    /** The members of this object as a child node each, in file order. */
    List<Map.Entry<String, JsonNode>> entries() throws ModelFormatException {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : fields().entrySet()) {
            entries.add(Map.entry(e.getKey(), new JsonNode(file, child(e.getKey()), e.getValue())));
        }
        return entries;
    }

    /** A failure about this value: {@code FILE: PATH reason}. */
    ModelFormatException error(String template, Object... args) {
        return ModelFormatException.at(file, ModelFormatException.NO_OFFSET,
                describedPath() + " " + String.format(Locale.ROOT, template, args));
    }

    private <T> T as(Class<T> type, String expected) throws ModelFormatException {
        if (!type.isInstance(value)) {
            throw ModelFormatException.at(file, ModelFormatException.NO_OFFSET, WRONG_TYPE,
                    describedPath(), kind(value), expected);
        }
        return type.cast(value);
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private String describedPath() {
        return path.isEmpty() ? "the document" : path;
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Map) {
            return "object";
        } else if (value instanceof List) {
            return "array";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof Boolean) {
            return "boolean";
        }
        return "number";
    }
}
