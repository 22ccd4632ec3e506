package org.jaynes.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.JsonTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled real model, all-MiniLM-L6-v2 (a 6-layer BERT, fp32), from the langchain4j test
 * dependency, against the counts and sums the python onnx package gives (onnx/all-minilm-l6-v2.json,
 * written by tools/make_onnx_fixtures.py).
 */
class OnnxBundledModelTest {

    /** The population jaynes analyses by default: matrices (rank ≥ 2) of at least this many elements. */
    private static final long POPULATION_MIN_ELEMENTS = 4096;

    /** Unit roundoff of double: an in-order sum of n values is within (n - 1) u Σ|x| of the exact sum. */
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    @TempDir
    static Path folder;

    private static Model model;
    private static Map<String, Object> expected;

    @BeforeAll
    static void readModel() throws Exception {
        Path file = folder.resolve("all-minilm-l6-v2.onnx");
        try (InputStream in = OnnxBundledModelTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            assertNotNull(in, "all-minilm-l6-v2.onnx is not on the test classpath");
            Files.copy(in, file);
        }
        model = new OnnxReader().read(file);
        expected = JsonTree.object(JsonTree.resource("/onnx/all-minilm-l6-v2.json"));
    }

    private static long count(String key) {
        return ((Double) expected.get(key)).longValue();
    }

    @Test
    void holdsEveryInitializerAndConstant() {
        assertEquals(count("initializers") + count("constants"), model.tensors().size());
        assertEquals(count("initializerElements") + count("constantElements"), model.parameters());
        assertEquals(22_713_926L, model.parameters(), "22,713,728 in initializers and 198 scalar constants");
    }

    @Test
    void hasThirtyNineMatricesInTheDefaultPopulation() {
        long population = model.tensors().stream()
                .filter(t -> t.shape().rank() >= 2 && t.elementCount() >= POPULATION_MIN_ELEMENTS)
                .count();
        assertEquals(count("populationTensors"), population);
        assertEquals(39, population);
    }

    @Test
    void namesAnonymousWeightsAfterTheirLayers() {
        Map<String, Tensor> byName = new HashMap<>();
        model.tensors().forEach(t -> byName.put(t.name(), t));
        assertEquals(model.tensors().size(), byName.size(), "names are unique");

        Tensor query = byName.get("encoder.layer.0.attention.self.query");
        assertNotNull(query);
        assertEquals("onnx::MatMul_885", query.storedName());
        assertEquals(Role.ATTENTION_QUERY, query.role());
        assertEquals(Role.ATTENTION_KEY, byName.get("encoder.layer.3.attention.self.key").role());
        assertEquals(Role.ATTENTION_VALUE, byName.get("encoder.layer.5.attention.self.value").role());
        assertEquals(Role.ATTENTION_OUTPUT, byName.get("encoder.layer.1.attention.output.dense").role());
        assertEquals(Role.MLP_UP, byName.get("encoder.layer.2.intermediate.dense").role());
        assertEquals(Role.MLP_DOWN, byName.get("encoder.layer.4.output.dense").role());
        assertEquals(Role.EMBEDDING, byName.get("embeddings.word_embeddings").role());
        assertEquals(Role.BIAS, byName.get("encoder.layer.0.attention.self.query.bias").role());
        assertEquals("pooler.dense.weight", byName.get("pooler.dense").storedName());
    }

    @Test
    void initializersMatchThePythonReader() throws IOException {
        Map<String, Tensor> byStoredName = new HashMap<>();
        model.tensors().forEach(t -> byStoredName.putIfAbsent(t.storedName(), t));
        Set<String> seen = new HashSet<>();
        for (Object item : JsonTree.array(expected.get("tensors"))) {
            Map<String, Object> want = JsonTree.object(item);
            String storedName = (String) want.get("storedName");
            Tensor tensor = byStoredName.get(storedName);
            assertNotNull(tensor, storedName);
            assertTrue(seen.add(storedName));
            assertEquals(want.get("dtype"), tensor.dtype().label(), storedName);
            List<Object> shape = JsonTree.array(want.get("shape"));
            for (int i = 0; i < shape.size(); i++) {
                assertEquals(((Double) shape.get(i)).longValue(), tensor.shape().dim(i), storedName);
            }
            assertInstanceOf(FileRegion.class, tensor.data(), "raw_data stays in the file");
            // numpy sums pairwise, this test in order: both within the in-order bound of the exact sum
            double tolerance = 2 * tensor.elementCount() * UNIT_ROUNDOFF * (Double) want.get("sumAbs");
            assertEquals((Double) want.get("sum"), sum(tensor), tolerance, storedName);
        }
    }

    private static double sum(Tensor tensor) throws IOException {
        ByteBuffer bytes = tensor.data().window(0, Math.toIntExact(tensor.data().length()));
        double sum = 0;
        if (tensor.dtype() == DType.F32) {
            for (int i = 0; i < bytes.limit(); i += 4) {
                sum += bytes.getFloat(i);
            }
        } else {
            for (int i = 0; i < bytes.limit(); i += 8) {
                sum += bytes.getLong(i);
            }
        }
        return sum;
    }
}
