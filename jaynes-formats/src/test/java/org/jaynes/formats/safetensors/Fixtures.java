package org.jaynes.formats.safetensors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.Resources;

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
        return Resources.fixture("safetensors", relative);
    }

    /** The tensors of one fixture file ({@code mixed.safetensors}, {@code sharded/...}), in the order written. */
    static List<Expected> expected(String file) {
        Map<?, ?> files = (Map<?, ?>) Resources.expected("safetensors").get("files");
        List<Expected> result = new ArrayList<>();
        for (Object row : (List<?>) files.get(file)) {
            Map<?, ?> t = (Map<?, ?>) row;
            result.add(new Expected((String) t.get("name"), (String) t.get("dtype"),
                    JsonTree.longs(t.get("shape")), JsonTree.doubles(t.get("first")),
                    ((Number) t.get("sum")).doubleValue()));
        }
        return result;
    }

    /** The {@code __metadata__} the fixtures were written with. */
    static Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        ((Map<?, ?>) Resources.expected("safetensors").get("metadata"))
                .forEach((k, v) -> metadata.put((String) k, (String) v));
        return metadata;
    }
}
