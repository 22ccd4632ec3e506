package org.jaynes.formats.numpy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files {@code tools/make_numpy_fixtures.py} wrote with numpy, and what it recorded about each
 * array in {@code expected.json}.
 */
final class NumpyFixtures {

    /**
     * One array as numpy wrote it.
     *
     * @param values every value in file order, or null for the large array (then only first, sum, count)
     */
    record Expected(String name, String descr, boolean fortranOrder, long[] shape, double[] first, double sum,
                    int count, double[] values) {
    }

    private NumpyFixtures() {
    }

    /** A file under {@code src/test/resources/numpy/}. */
    static Path path(String name) {
        URL url = NumpyFixtures.class.getResource("/numpy/" + name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + name + ": run tools/make_numpy_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every fixture file's name. */
    static List<String> files() {
        return json().keySet().stream().map(String::valueOf).toList();
    }

    /** The arrays of one fixture file, in file order. */
    static List<Expected> arrays(String file) {
        List<Expected> result = new ArrayList<>();
        for (Object row : (List<?>) json().get(file)) {
            Map<?, ?> t = (Map<?, ?>) row;
            result.add(new Expected((String) t.get("name"), (String) t.get("descr"), (Boolean) t.get("fortran_order"),
                    ((List<?>) t.get("shape")).stream().mapToLong(d -> ((Number) d).longValue()).toArray(),
                    doubles(t.get("first")), ((Number) t.get("sum")).doubleValue(),
                    ((Number) t.get("count")).intValue(), t.containsKey("values") ? doubles(t.get("values")) : null));
        }
        return result;
    }

    private static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(d -> ((Number) d).doubleValue()).toArray();
    }

    private static Map<?, ?> json() {
        try (JsonParser parser = new JsonFactory().createParser(path("expected.json").toFile())) {
            parser.nextToken();
            return (Map<?, ?>) value(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value at the current token as maps, lists, strings, booleans and numbers (BigInteger when large). */
    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, value(parser));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalStateException("unexpected " + token + " in expected.json");
        }
    }
}
