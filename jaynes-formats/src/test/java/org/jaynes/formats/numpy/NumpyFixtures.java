package org.jaynes.formats.numpy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.Resources;

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
        return Resources.fixture("numpy", name);
    }

    /** Every fixture file's name. */
    static List<String> files() {
        return Resources.expected("numpy").keySet().stream().map(String::valueOf).toList();
    }

    /** The arrays of one fixture file, in file order. */
    static List<Expected> arrays(String file) {
        List<Expected> result = new ArrayList<>();
        for (Object row : (List<?>) Resources.expected("numpy").get(file)) {
            Map<?, ?> t = (Map<?, ?>) row;
            result.add(new Expected((String) t.get("name"), (String) t.get("descr"), (Boolean) t.get("fortran_order"),
                    JsonTree.longs(t.get("shape")), JsonTree.doubles(t.get("first")),
                    ((Number) t.get("sum")).doubleValue(), ((Number) t.get("count")).intValue(),
                    t.containsKey("values") ? JsonTree.doubles(t.get("values")) : null));
        }
        return result;
    }
}
