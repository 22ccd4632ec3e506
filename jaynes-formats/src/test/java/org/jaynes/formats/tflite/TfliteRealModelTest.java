package org.jaynes.formats.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Role;
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
 * The BlazePose landmark models of {@code @mediapipe/pose@0.5.1675469404} (fp16 weights feeding DEQUANTIZE),
 * fetched into models/npm/mediapipe-pose/ by tools/fetch-models.sh; skipped when absent. Their totals, as
 * the TFLite interpreter reads them, are in tflite/mediapipe-pose.json (tools/make_npm_model_golden.py).
 */
class TfliteRealModelTest {

    static Stream<Arguments> models() throws Exception {
        return Goldens.models("/tflite/mediapipe-pose.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void readsEveryConstantAsTheInterpreterDoes(String file, Object entry) throws Exception {
        Path path = Resources.npmModels("mediapipe-pose").resolve(file);
        assumeTrue(Files.isRegularFile(path), () -> path + " is absent: run tools/fetch-models.sh to fetch it");
        Model model = new TfliteReader().read(path);

        ModelTotals totals = ModelTotals.of(JsonTree.object(entry), model);
        for (Tensor tensor : model.tensors()) {
            assertInstanceOf(FileRegion.class, tensor.data(), tensor.name());
            totals.add(tensor, TensorValues.of(tensor));
            if (tensor.dtype() == DType.F16 && tensor.shape().rank() == 4) {
                assertEquals(Role.CONVOLUTION, tensor.role(), tensor.name());
            }
        }
        totals.assertMatches("tensors per dtype");
    }
}
