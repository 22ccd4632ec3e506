package org.jaynes.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The int8 all-MiniLM-L6-v2 (onnxruntime's dynamic quantization: MatMulInteger with per-column scales and
 * zero points, uint8 embedding tables dequantized after their Gather), from the langchain4j test
 * dependency, against the values numpy and onnx's reference DequantizeLinear give
 * (onnx/all-minilm-l6-v2-q.json, written by tools/make_onnx_quant_golden.py), and against the fp32 model
 * it was quantized from.
 */
class OnnxQuantizedModelTest {

    /** The population jaynes analyses by default: floating-point matrices of at least this many elements. */
    private static final long POPULATION_MIN_ELEMENTS = 4096;

    /**
     * Unit roundoff of double. Python sums with math.fsum (correctly rounded), Java here in order: an
     * in-order sum of n values is within (n − 1)·u·Σ|x| of the exact sum (the squares of floats are exact
     * in double).
     */
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    @TempDir
    static Path folder;

    private static Model quantized;
    private static Model fp32;
    private static Map<String, Object> golden;

    @BeforeAll
    static void readModels() throws Exception {
        quantized = new OnnxReader().read(copy("all-minilm-l6-v2-q.onnx"));
        fp32 = new OnnxReader().read(copy("all-minilm-l6-v2.onnx"));
        golden = JsonTree.object(JsonTree.resource("/onnx/all-minilm-l6-v2-q.json"));
    }

    private static Path copy(String resource) throws Exception {
        Path file = folder.resolve(resource);
        try (InputStream in = OnnxQuantizedModelTest.class.getResourceAsStream("/" + resource)) {
            assertNotNull(in, resource + " is not on the test classpath");
            Files.copy(in, file);
        }
        return file;
    }

    private static Map<String, Tensor> byStoredName(Model model) {
        Map<String, Tensor> tensors = new HashMap<>();
        model.tensors().forEach(t -> tensors.put(t.storedName(), t));
        return tensors;
    }

    @Test
    void dequantizesEveryWeightAsNumpyDoes() throws IOException {
        Map<String, Tensor> tensors = byStoredName(quantized);
        List<Object> weights = JsonTree.array(golden.get("weights"));
        assertEquals(39, weights.size());
        for (Object item : weights) {
            Map<String, Object> want = JsonTree.object(item);
            String stored = (String) want.get("storedName");
            Tensor values = tensors.get(stored + OnnxReader.DEQUANTIZED_SUFFIX);
            Tensor integers = tensors.get(stored);
            assertNotNull(values, stored);
            assertEquals(DType.F32, values.dtype(), stored);
            assertEquals(want.get("dtype"), integers.dtype().label(), stored);
            assertEquals(values.name() + ".quantized", integers.name(), stored);
            assertEquals(values.role(), integers.role(), stored);
            assertEquals(JsonTree.array(want.get("shape")).stream().map(d -> ((Double) d).longValue()).toList(),
                    values.shape().asList(), stored);
            double[] v = TensorValues.of(values);
            List<Object> first = JsonTree.array(want.get("first"));
            for (int i = 0; i < first.size(); i++) {
                assertEquals((Double) first.get(i), v[i], 0.0, stored + "[" + i + "]");
            }
            double sum = 0;
            double squares = 0;
            double sumAbs = 0;
            for (double x : v) {
                sum += x;
                squares += x * x;
                sumAbs += Math.abs(x);
            }
            double bound = (v.length - 1) * UNIT_ROUNDOFF;
            assertEquals((Double) want.get("sum"), sum, bound * sumAbs, stored + " sum");
            assertEquals((Double) want.get("sumOfSquares"), squares, bound * squares, stored + " squares");
        }
    }

    @Test
    void hasTheFloatModelsPopulationsButThePooler() {
        Set<String> populations = populations(quantized);
        assertEquals(((Double) golden.get("populationTensors")).intValue(), populations.size());
        Set<String> expected = populations(fp32);
        expected.remove("pooler.dense"); // the quantized export has no pooler
        assertEquals(expected, populations, "the same layer names as the fp32 model");
        Map<String, Tensor> floats = new HashMap<>();
        fp32.tensors().forEach(t -> floats.put(t.name(), t));
        for (Tensor t : quantized.tensors()) {
            if (populations.contains(t.name())) {
                assertEquals(floats.get(t.name()).role(), t.role(), t.name());
                assertEquals(floats.get(t.name()).shape(), t.shape(), t.name());
            }
        }
    }

    /**
     * The dequantized weights are the fp32 weights to within int8 rounding: about 1.5% RMS per column
     * scaled matrix (a per-column scale on the wrong axis would give several times that); the per-tensor
     * uint8 embedding tables are coarser (the position table, with outliers, 17%).
     */
    @Test
    void dequantizedWeightsAreTheFloatWeightsRounded() throws IOException {
        Map<String, Tensor> floats = new HashMap<>();
        fp32.tensors().forEach(t -> floats.put(t.name(), t));
        for (Tensor t : quantized.tensors()) {
            if (!t.storedName().endsWith(OnnxReader.DEQUANTIZED_SUFFIX)) {
                continue;
            }
            double[] q = TensorValues.of(t);
            double[] f = TensorValues.of(floats.get(t.name()));
            double error = 0;
            double norm = 0;
            for (int i = 0; i < q.length; i++) {
                error += (q[i] - f[i]) * (q[i] - f[i]);
                norm += f[i] * f[i];
            }
            double relative = Math.sqrt(error / norm);
            double bound = t.name().startsWith("encoder.") ? 0.04 : 0.2;
            assertTrue(relative < bound, t.name() + ": relative RMS difference " + relative);
        }
    }

    private static Set<String> populations(Model model) {
        Set<String> names = new TreeSet<>();
        for (Tensor t : model.tensors()) {
            if (t.dtype().isFloating() && t.shape().rank() >= 2 && t.elementCount() >= POPULATION_MIN_ELEMENTS) {
                names.add(t.name());
            }
        }
        return names;
    }
}
