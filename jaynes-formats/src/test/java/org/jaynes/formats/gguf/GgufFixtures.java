package org.jaynes.formats.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.Resources;

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
        return Resources.fixture("gguf", name);
    }

    /** The record of one fixture file: version, alignment, data_offset, metadata, tensors. */
    static Map<?, ?> file(String name) {
        return (Map<?, ?>) Resources.expected("gguf").get(name);
    }

    static List<Expected> tensors(String file) {
        List<Expected> result = new ArrayList<>();
        for (Object row : (List<?>) file(file).get("tensors")) {
            Map<?, ?> t = (Map<?, ?>) row;
            result.add(new Expected((String) t.get("name"), (String) t.get("type"), JsonTree.longs(t.get("shape")),
                    ((Number) t.get("data_offset")).longValue(), JsonTree.doubles(t.get("first")),
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
}
