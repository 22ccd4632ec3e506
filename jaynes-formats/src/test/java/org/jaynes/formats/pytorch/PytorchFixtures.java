package org.jaynes.formats.pytorch;

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
 * The checkpoints {@code tools/make_pytorch_fixtures.py} wrote with {@code torch.save}, and what it
 * recorded for each tensor in {@code expected.json}.
 */
final class PytorchFixtures {

    /**
     * What torch held for one tensor.
     *
     * @param dtype         torch's dtype name ({@code float32}, {@code bfloat16})
     * @param storageOffset the view's first element in its storage
     * @param first         its first (up to) three values as float64
     * @param sum           the correctly rounded float64 sum of its values
     * @param sha256        the SHA-256 of its bytes, little-endian, row-major, hex
     */
    record Expected(String name, String dtype, long[] shape, long storageOffset, double[] first, double sum,
            String sha256) {
    }

    private PytorchFixtures() {
    }

    /** A file under {@code src/test/resources/pytorch/}. */
    static Path path(String relative) {
        URL url = PytorchFixtures.class.getResource("/pytorch/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + relative + ": run tools/make_pytorch_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tensors of one fixture file, in state-dict order. */
    static List<Expected> expected(String file) {
        Map<?, ?> files = (Map<?, ?>) json().get("files");
        List<Expected> result = new ArrayList<>();
        for (Object row : (List<?>) files.get(file)) {
            Map<?, ?> t = (Map<?, ?>) row;
            result.add(new Expected((String) t.get("name"), (String) t.get("dtype"), longs(t.get("shape")),
                    ((Number) t.get("storage_offset")).longValue(),
                    ((List<?>) t.get("first")).stream().mapToDouble(d -> ((Number) d).doubleValue()).toArray(),
                    ((Number) t.get("sum")).doubleValue(), (String) t.get("sha256")));
        }
        return result;
    }

    /** The file the malicious payload would create if anything ran it. */
    static Path payloadFile() {
        return Path.of((String) ((Map<?, ?>) json().get("malicious")).get("payload_creates"));
    }

    private static long[] longs(Object list) {
        return ((List<?>) list).stream().mapToLong(d -> ((Number) d).longValue()).toArray();
    }

    private static Map<?, ?> json() {
        try (JsonParser parser = new JsonFactory().createParser(path("expected.json").toFile())) {
            parser.nextToken();
            return (Map<?, ?>) value(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, value(parser));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            default -> throw new IllegalStateException("unexpected " + token + " in expected.json");
        }
    }
}
