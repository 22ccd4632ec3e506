package org.jaynes.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
 * relative, and 1e-6 absolute for values near zero). {@code golden/torch-cnn-options.safetensors}, made by the
 * same script, does the same for blocks with their own kernel, stride and padding ({@code 3:5x5/2,4:2x2p0}).
 */
class TorchEquivalenceTest {

    private static final double RELATIVE = 1e-5;
    private static final double ABSOLUTE = 1e-6;
    private static final Map<String, float[]> GOLDEN = new LinkedHashMap<>();
    private static final Map<String, long[]> SHAPES = new LinkedHashMap<>();

    private static final Map<String, float[]> OPTIONS = new LinkedHashMap<>();
    private static final Map<String, long[]> OPTION_SHAPES = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws Exception {
        read("/golden/torch-cnn.safetensors", GOLDEN, SHAPES);
        read("/golden/torch-cnn-options.safetensors", OPTIONS, OPTION_SHAPES);
    }

    private static void read(String resource, Map<String, float[]> golden, Map<String, long[]> shapes)
            throws Exception {
        Model model = new SafetensorsReader().read(Path.of(TorchEquivalenceTest.class.getResource(resource).toURI()));
        for (Tensor t : model.tensors()) {
            float[] values = new float[Math.toIntExact(t.shape().elementCount())];
            t.data().window(0, values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                    .get(values);
            golden.put(t.storedName(), values);
            shapes.put(t.storedName(), t.shape().dims());
        }
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
            checkAgainst(GOLDEN, SHAPES, network, rows);
        }
    }

    /** 5×5 with stride 2 and padding 2, then 2×2 without padding: the options of {@code --conv}. */
    @Test
    void kernelStrideAndPaddingAreTorchs() {
        try (MatrixProduct product = MatrixProduct.withThreads(2)) {
            int rows = 3;
            Network network = Network.cnn(new ImageShape(2, 14, 13), ConvBlock.parseList("3:5x5/2,4:2x2p0"),
                    new int[] {4, 5, 3}, ActivationFunction.RELU, rows, product);
            assertEquals(List.of(new ConvBlock(3, 5, 2, 2), new ConvBlock(4, 2, 1, 0)),
                    ConvBlock.parseList("3:5x5/2,4:2x2p0"));
            checkAgainst(OPTIONS, OPTION_SHAPES, network, rows);
            assertEquals(new TreeSet<>(OPTIONS.keySet().stream().filter(n -> n.startsWith("layers.")).toList()),
                    new TreeSet<>(network.parameters().stream().map(Parameter::name).toList()));
        }
    }

    /** Loads the golden parameters into {@code network}, then compares logits, loss and every gradient. */
    private static void checkAgainst(Map<String, float[]> golden, Map<String, long[]> shapes, Network network,
                                     int rows) {
        for (Parameter p : network.parameters()) {
            float[] values = golden.get(p.name());
            assertArrayEquals(shapes.get(p.name()), Arrays.stream(p.shape()).asLongStream().toArray(), p.name());
            System.arraycopy(values, 0, p.values(), 0, p.size());
        }
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = (int) golden.get("labels")[r];
        }
        float[] logits = network.forward(golden.get("input"), rows);
        assertClose(golden.get("logits"), logits, rows * 3, "logits");
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3, rows);
        double mean = loss.lossAndGradient(logits, labels, 0, rows);
        assertEquals(golden.get("loss")[0], mean, RELATIVE * mean);
        network.backward(loss.gradient(), rows);
        for (Parameter p : network.parameters()) {
            assertClose(golden.get("grad." + p.name()), p.gradient(), p.size(), "d loss / d " + p.name());
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
