package org.jaynes.formats.gguf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files {@code tools/make_gguf_fixtures.py} wrote with the reference library, what it recorded
 * about them in {@code expected.json}, and the reference values in {@code types.values.f32}.
 */
final class GgufFixtures {

    /**
     * One tensor as the reference library wrote and read it.
     *
     * @param valuesOffset where its values start in {@code types.values.f32}, in floats
     */
    record Expected(String name, String type, long[] shape, long dataOffset, double[] first, double sum,
                    int valuesOffset, int count) {
    }

    private GgufFixtures() {
    }

    /** A file under {@code src/test/resources/gguf/}. */
    static Path path(String name) {
        URL url = GgufFixtures.class.getResource("/gguf/" + name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + name + ": run tools/make_gguf_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record of one fixture file: version, alignment, data_offset, metadata, tensors. */
    static Map<?, ?> file(String name) {
        return (Map<?, ?>) json().get(name);
    }

    static List<Expected> tensors(String file) {
        List<Expected> result = new ArrayList<>();
        for (Object row : (List<?>) file(file).get("tensors")) {
            Map<?, ?> t = (Map<?, ?>) row;
            result.add(new Expected((String) t.get("name"), (String) t.get("type"), longs(t.get("shape")),
                    ((Number) t.get("data_offset")).longValue(),
                    ((List<?>) t.get("first")).stream().mapToDouble(d -> ((Number) d).doubleValue()).toArray(),
                    ((Number) t.get("sum")).doubleValue(), ((Number) t.get("values_offset")).intValue(),
                    ((Number) t.get("count")).intValue()));
        }
        return result;
    }

    /** The reference values of a tensor, as float32 bit patterns. */
    static int[] referenceBits(Expected tensor) {
        try {
            ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(path("types.values.f32"))).order(ByteOrder.LITTLE_ENDIAN);
            int[] bits = new int[tensor.count()];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = all.getInt((tensor.valuesOffset() + i) * Float.BYTES);
            }
            return bits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long[] longs(Object list) {
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
