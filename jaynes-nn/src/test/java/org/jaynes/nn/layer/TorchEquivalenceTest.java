package org.jaynes.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.safetensors.SafetensorsReader;
import org.jaynes.nn.tensor.ImageShape;
import org.jaynes.nn.tensor.MatrixProduct;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Network#cnn} against PyTorch: the golden file {@code golden/torch-cnn.safetensors}, made by
 * {@code tools/make_torch_cnn_golden.py}, holds the parameters of the equivalent {@code nn.Sequential} under
 * its state_dict names, an input batch, and torch's logits, mean cross-entropy and parameter gradients. Same
 * names, same shapes, same numbers: torch sums in another order, so values agree to float rounding (1e-5
 * relative, and 1e-6 absolute for values near zero).
 */
class TorchEquivalenceTest {

    private static final double RELATIVE = 1e-5;
    private static final double ABSOLUTE = 1e-6;
    private static final Map<String, float[]> GOLDEN = new LinkedHashMap<>();
    private static final Map<String, long[]> SHAPES = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws Exception {
        Model model = new SafetensorsReader().read(golden());
        for (Tensor t : model.tensors()) {
            float[] values = new float[Math.toIntExact(t.shape().elementCount())];
            t.data().window(0, values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                    .get(values);
            GOLDEN.put(t.storedName(), values);
            SHAPES.put(t.storedName(), t.shape().dims());
        }
    }

    private static Path golden() throws URISyntaxException {
        return Path.of(TorchEquivalenceTest.class.getResource("/golden/torch-cnn.safetensors").toURI());
    }

    private static void assertClose(float[] expected, float[] actual, int length, String what) {
        for (int i = 0; i < length; i++) {
            assertEquals(expected[i], actual[i], RELATIVE * Math.abs(expected[i]) + ABSOLUTE, what + "[" + i + "]");
        }
    }

    @Test
    void logitsLossAndGradientsAreTorchs() {
        try (MatrixProduct product = MatrixProduct.withThreads(2)) {
            int rows = 3;
            Network network = Network.cnn(new ImageShape(2, 6, 9), new int[] {3, 4}, new int[] {8, 5, 3},
                    ActivationFunction.RELU, rows, product);
            for (Parameter p : network.parameters()) {
                float[] values = GOLDEN.get(p.name());
                assertArrayEquals(SHAPES.get(p.name()), Arrays.stream(p.shape()).asLongStream().toArray(), p.name());
                System.arraycopy(values, 0, p.values(), 0, p.size());
            }
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = (int) GOLDEN.get("labels")[r];
            }
            float[] logits = network.forward(GOLDEN.get("input"), rows);
            assertClose(GOLDEN.get("logits"), logits, rows * 3, "logits");
            SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3, rows);
            double mean = loss.lossAndGradient(logits, labels, 0, rows);
            assertEquals(GOLDEN.get("loss")[0], mean, RELATIVE * mean);
            network.backward(loss.gradient(), rows);
            for (Parameter p : network.parameters()) {
                assertClose(GOLDEN.get("grad." + p.name()), p.gradient(), p.size(), "d loss / d " + p.name());
            }
        }
    }

    /** Every parameter of the torch model, and nothing else, is a parameter of the Java network. */
    @Test
    void theParameterNamesAreTheStateDictNames() {
        try (MatrixProduct product = MatrixProduct.withThreads(1)) {
            Network network = Network.cnn(new ImageShape(2, 6, 9), new int[] {3, 4}, new int[] {8, 5, 3},
                    ActivationFunction.RELU, 1, product);
            assertEquals(new TreeSet<>(GOLDEN.keySet().stream().filter(n -> n.startsWith("layers.")).toList()),
                    new TreeSet<>(network.parameters().stream().map(Parameter::name).toList()));
        }
    }
}
