package org.jaynes.formats.keras;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jaynes.core.tensor.Decoding;
import org.jaynes.core.tensor.Tensor;

/**
 * The Keras fixtures (keras/*.h5, keras/*.keras, written by tools/make_keras_fixtures.py) and their
 * expected tensors (keras/expected.json), plus a simple reader of a tensor's values as doubles.
 */
final class KerasFixtures {

    /** One expected tensor, as the sidecar states it. */
    record Expected(String storedName, String name, String role, String dtype, List<Long> shape, long count,
                    double sum, double[] first, double[] values) {
    }

    private KerasFixtures() {
    }

    static Path file(String name) {
        URL url = KerasFixtures.class.getResource("/keras/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource keras/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The expected tensors of a fixture file, in the reader's order. */
    @SuppressWarnings("unchecked")
    static List<Expected> expected(String fileName) throws IOException {
        Map<String, Object> root = (Map<String, Object>) json("/keras/expected.json");
        Map<String, Object> file = (Map<String, Object>) ((Map<String, Object>) root.get("files")).get(fileName);
        List<Expected> tensors = new ArrayList<>();
        for (Object row : (List<Object>) file.get("tensors")) {
            Map<String, Object> t = (Map<String, Object>) row;
            List<Long> shape = new ArrayList<>();
            for (Object d : (List<Object>) t.get("shape")) {
                shape.add(((Double) d).longValue());
            }
            tensors.add(new Expected((String) t.get("storedName"), (String) t.get("name"), (String) t.get("role"),
                    (String) t.get("dtype"), shape, ((Double) t.get("count")).longValue(), (Double) t.get("sum"),
                    doubles(t.get("first")), t.containsKey("values") ? doubles(t.get("values")) : null));
        }
        return tensors;
    }

    /** Every element of a tensor as a double, read in one window. */
    static double[] values(Tensor tensor) {
        int count = Math.toIntExact(tensor.elementCount());
        double[] values = new double[count];
        ByteBuffer bytes;
        try {
            bytes = tensor.data().window(0, Math.toIntExact(tensor.data().length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = bytes.position();
        for (int i = 0; i < count; i++) {
            values[i] = switch (tensor.dtype()) {
                case F64 -> bytes.getDouble(at + 8 * i);
                case F32 -> bytes.getFloat(at + 4 * i);
                case F16, BF16, I16, U16 ->
                        Decoding.patternToDouble(tensor.dtype(), bytes.getShort(at + 2 * i) & 0xffff);
                case I64 -> bytes.getLong(at + 8 * i);
                case I32 -> bytes.getInt(at + 4 * i);
                case I8, U8, BOOL -> Decoding.patternToDouble(tensor.dtype(), bytes.get(at + i) & 0xff);
            };
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static double[] doubles(Object list) {
        return ((List<Object>) list).stream().mapToDouble(v -> (Double) v).toArray();
    }

    private static Object json(String resource) throws IOException {
        try (InputStream in = KerasFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            try (JsonParser parser = new JsonFactory().createParser(in)) {
                parser.nextToken();
                return value(parser);
            }
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    object.put(key, value(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
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
