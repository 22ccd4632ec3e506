package org.jaynes.formats.tflite;

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
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Decoding;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BlazePose landmark models of {@code @mediapipe/pose@0.5.1675469404} (fp16 weights feeding DEQUANTIZE),
 * fetched into models/npm/mediapipe-pose/ by tools/fetch-models.sh; skipped when absent. Their totals, as
 * the TFLite interpreter reads them, are in tflite/mediapipe-pose.json (tools/make_npm_model_golden.py).
 */
class TfliteRealModelTest {

    /**
     * Python sums exactly (math.fsum), Java in order, whose error is at most n 2^-53 of the sum of |x| for
     * n values (recursive summation; Higham, Accuracy and Stability, 4.2). The CRC checks every value exactly.
     */
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    static Stream<Arguments> models() throws Exception {
        return JsonTree.array(JsonTree.object(JsonTree.resource("/tflite/mediapipe-pose.json")).get("models"))
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void readsEveryConstantAsTheInterpreterDoes(String file, Object entry) throws Exception {
        Path path = npmModels("mediapipe-pose").resolve(file);
        assumeTrue(Files.isRegularFile(path), () -> path + " is absent: run tools/fetch-models.sh to fetch it");
        Map<String, Object> want = JsonTree.object(entry);
        Model model = new TfliteReader().read(path);

        assertEquals(((Double) want.get("tensors")).intValue(), model.tensors().size(), "tensor count");
        assertEquals(((Double) want.get("parameters")).longValue(), model.parameters(), "parameters");
        Map<String, Integer> dtypes = new TreeMap<>();
        CRC32 crc = new CRC32();
        double sum = 0;
        double sumAbs = 0;
        for (Tensor tensor : model.tensors()) {
            dtypes.merge(tensor.dtype().label(), 1, Integer::sum);
            assertInstanceOf(FileRegion.class, tensor.data(), tensor.name());
            ByteBuffer bytes = tensor.data().window(0, Math.toIntExact(tensor.data().length()));
            crc.update(bytes.duplicate());
            for (int i = 0; i < tensor.elementCount(); i++) {
                double v = tensor.dtype() == DType.F16
                        ? Decoding.halfToDouble(bytes.getShort(2 * i) & 0xffff)
                        : bytes.getInt(4 * i);
                assertTrue(Double.isFinite(v), () -> tensor.name() + " holds a value that is not finite");
                sum += v;
                sumAbs += Math.abs(v);
            }
            if (tensor.dtype() == DType.F16 && tensor.shape().rank() == 4) {
                assertEquals(Role.CONVOLUTION, tensor.role(), tensor.name());
            }
        }
        Map<String, Object> wantDtypes = JsonTree.object(want.get("dtypes"));
        Map<String, Integer> expected = new TreeMap<>();
        wantDtypes.forEach((k, v) -> expected.put(k, ((Double) v).intValue()));
        assertEquals(expected, dtypes, "tensors per dtype");
        assertEquals(((Double) want.get("crc32")).longValue(), crc.getValue(), "CRC-32 of every value");
        assertEquals((Double) want.get("sum"), sum, UNIT_ROUNDOFF * model.parameters() * sumAbs, "sum");
        assertEquals((Double) want.get("sumAbs"), sumAbs, UNIT_ROUNDOFF * model.parameters() * sumAbs, "sum of |x|");
    }
}
