package org.jaynes.formats.keras;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.Resources;

/**
 * The Keras fixtures (keras/*.h5, keras/*.keras, written by tools/make_keras_fixtures.py) and their
 * expected tensors (keras/expected.json).
 */
final class KerasFixtures {

    /** One expected tensor, as the sidecar states it. */
    record Expected(String storedName, String name, String role, String dtype, List<Long> shape, long count,
                    double sum, double[] first, double[] values) {
    }

    private KerasFixtures() {
    }

    static Path file(String name) {
        return Resources.resource("keras/" + name);
    }

    /** The expected tensors of a fixture file, in the reader's order. */
    static List<Expected> expected(String fileName) throws IOException {
        Map<String, Object> root = JsonTree.object(JsonTree.resource("/keras/expected.json"));
        Map<String, Object> file = JsonTree.object(JsonTree.object(root.get("files")).get(fileName));
        List<Expected> tensors = new ArrayList<>();
        for (Object row : JsonTree.array(file.get("tensors"))) {
            Map<String, Object> t = JsonTree.object(row);
            List<Long> shape = new ArrayList<>();
            for (Object d : JsonTree.array(t.get("shape"))) {
                shape.add(((Double) d).longValue());
            }
            tensors.add(new Expected((String) t.get("storedName"), (String) t.get("name"), (String) t.get("role"),
                    (String) t.get("dtype"), shape, ((Double) t.get("count")).longValue(), (Double) t.get("sum"),
                    JsonTree.doubles(t.get("first")),
                    t.containsKey("values") ? JsonTree.doubles(t.get("values")) : null));
        }
        return tensors;
    }
}
