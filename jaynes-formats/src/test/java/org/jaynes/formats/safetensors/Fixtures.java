package org.jaynes.formats.safetensors;

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
 * The files {@code tools/make_safetensors_fixtures.py} wrote with the reference library, and the
 * values it recorded for each tensor in {@code expected.json}.
 */
final class Fixtures {

    /**
     * What the reference library was given for one tensor.
     *
     * @param first its first (up to) three values as float64
     * @param sum   the correctly rounded float64 sum of all its values
     */
    record Expected(String name, String dtype, long[] shape, double[] first, double sum) {
    }

    private Fixtures() {
    }

    /** A file under {@code src/test/resources/safetensors/}. */
    static Path path(String relative) {
        URL url = Fixtures.class.getResource("/safetensors/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + relative + ": run tools/make_safetensors_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tensors of one fixture file ({@code mixed.safetensors}, {@code sharded/...}), in the order written. */
    static List<Expected> expected(String file) {
        Map<?, ?> files = (Map<?, ?>) expectedJson().get("files");
        List<Expected> result = new ArrayList<>();
        for (Object row : (List<?>) files.get(file)) {
            Map<?, ?> t = (Map<?, ?>) row;
            result.add(new Expected((String) t.get("name"), (String) t.get("dtype"),
                    ((List<?>) t.get("shape")).stream().mapToLong(d -> ((Number) d).longValue()).toArray(),
                    ((List<?>) t.get("first")).stream().mapToDouble(d -> ((Number) d).doubleValue()).toArray(),
                    ((Number) t.get("sum")).doubleValue()));
        }
        return result;
    }

    /** The {@code __metadata__} the fixtures were written with. */
    static Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        ((Map<?, ?>) expectedJson().get("metadata")).forEach((k, v) -> metadata.put((String) k, (String) v));
        return metadata;
    }

    private static Map<?, ?> expectedJson() {
        try (JsonParser parser = new JsonFactory().createParser(path("expected.json").toFile())) {
            parser.nextToken();
            return (Map<?, ?>) value(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value at the current token, as maps, lists, strings and numbers; enough for the sidecar. */
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
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            default:
                throw new IllegalStateException("unexpected " + token + " in expected.json");
        }
    }
}
