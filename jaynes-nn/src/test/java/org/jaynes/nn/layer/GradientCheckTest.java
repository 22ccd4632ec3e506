package org.jaynes.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.jaynes.nn.tensor.ImageShape;
import org.jaynes.nn.tensor.MatrixProduct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every analytic gradient against central finite differences, (L(x + h) − L(x − h)) / 2h, with h = 1e-2
 * applied to float values and the loss summed in double. Tolerance: 2% of the larger magnitude plus 2e-4,
 * for the O(h²) truncation error and float rounding of the layer outputs (about 1e-7 relative, divided by h).
 */
class GradientCheckTest {

    private static final double H = 1e-2;
    private static final double RELATIVE = 2e-2;
    private static final double ABSOLUTE = 2e-4;
    private static final long SEED = 20240521L;
    private static final MatrixProduct PRODUCT = MatrixProduct.withThreads(2);

    @AfterAll
    static void close() {
        PRODUCT.close();
    }

    private static float[] random(SplittableRandom random, int size, double scale) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    /** L = Σ g_i y_i of a layer's output, in double. */
    private static double probe(Layer layer, float[] input, int rows, float[] g) {
        float[] y = layer.forward(input, rows);
        double sum = 0;
        for (int i = 0; i < rows * layer.outputSize(); i++) {
            sum += (double) g[i] * y[i];
        }
        return sum;
    }

    private static void assertClose(double numeric, double analytic, String what) {
        double tolerance = RELATIVE * Math.max(Math.abs(numeric), Math.abs(analytic)) + ABSOLUTE;
        assertTrue(Math.abs(numeric - analytic) <= tolerance, what + ": numeric " + numeric + ", analytic "
                + analytic + " (seed " + SEED + ")");
    }

    /** Perturbs values[i] by ±H and returns the central difference of {@code loss}. */
    private static double centralDifference(float[] values, int i, java.util.function.DoubleSupplier loss) {
        return centralDifference(values, i, loss, H);
    }

    private static double centralDifference(float[] values, int i, java.util.function.DoubleSupplier loss, double h) {
        float saved = values[i];
        values[i] = (float) (saved + h);
        double up = loss.getAsDouble();
        float upValue = values[i];
        values[i] = (float) (saved - h);
        double down = loss.getAsDouble();
        float downValue = values[i];
        values[i] = saved;
        return (up - down) / ((double) upValue - downValue);
    }

    private static void checkLayer(Layer layer, float[] input, int rows, SplittableRandom random) {
        float[] g = random(random, rows * layer.outputSize(), 1);
        layer.forward(input, rows);
        float[] inputGradient = layer.backward(g, rows, true).clone();
        List<float[]> gradients = layer.parameters().stream().map(p -> p.gradient().clone()).toList();
        for (int i = 0; i < rows * layer.inputSize(); i++) {
            double numeric = centralDifference(input, i, () -> probe(layer, input, rows, g));
            assertClose(numeric, inputGradient[i], "dL/dx[" + i + "]");
        }
        for (int q = 0; q < layer.parameters().size(); q++) {
            Parameter p = layer.parameters().get(q);
            for (int i = 0; i < p.size(); i++) {
                double numeric = centralDifference(p.values(), i, () -> probe(layer, input, rows, g));
                assertClose(numeric, gradients.get(q)[i], p.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void denseGradientsAgreeWithFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(SEED);
        Dense dense = new Dense("layers.0", 7, 5, 6, PRODUCT);
        System.arraycopy(random(random, 35, 1), 0, dense.weight().values(), 0, 35);
        System.arraycopy(random(random, 5, 1), 0, dense.bias().values(), 0, 5);
        checkLayer(dense, random(random, 6 * 7, 1), 6, random);
    }

    @ParameterizedTest
    @EnumSource(ActivationFunction.class)
    void activationGradientsAgreeWithFiniteDifferences(ActivationFunction function) {
        SplittableRandom random = new SplittableRandom(SEED);
        float[] input = random(random, 4 * 9, 2);
        for (int i = 0; i < input.length; i++) {
            if (Math.abs(input[i]) < 0.1f) {
                input[i] += 0.2f;   // keep ReLU's kink more than h away
            }
        }
        checkLayer(new Activation(function, 9, 4), input, 4, random);
    }

    @Test
    void softmaxCrossEntropyGradientAgreesWithFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(SEED);
        int rows = 5;
        int classes = 4;
        float[] logits = random(random, rows * classes, 3);
        int[] labels = {0, 3, 1, 2, 3};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(classes, rows);
        loss.lossAndGradient(logits, labels, 0, rows);
        float[] analytic = loss.gradient().clone();
        for (int i = 0; i < logits.length; i++) {
            double numeric = centralDifference(logits, i, () -> loss.evaluate(logits, labels, 0, rows).sum() / rows);
            assertClose(numeric, analytic[i], "dL/dz[" + i + "]");
        }
    }

    /** Three input channels, two output channels, padding 1 on a 5×4 image, two examples. */
    @Test
    void convolutionGradientsAgreeWithFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(SEED);
        Conv2d conv = new Conv2d("layers.0", new ImageShape(3, 5, 4), 2, 3, 1, 2, PRODUCT);
        fill(conv.parameters(), random, 1);
        checkLayer(conv, random(random, 2 * conv.inputSize(), 1), 2, random);
    }

    /** No padding, a 2×2 kernel, and a batch cut into one example per im2col matrix (three chunks). */
    @Test
    void convolutionGradientsAgreeWhenTheBatchIsCutIntoChunks() {
        SplittableRandom random = new SplittableRandom(SEED);
        ImageShape image = new ImageShape(2, 4, 5);
        Conv2d conv = new Conv2d("layers.0", image, 3, 2, 1, 0, 3, PRODUCT, 2 * 2 * 2 * 3 * 4);
        assertEquals(1, conv.chunkExamples());
        fill(conv.parameters(), random, 1);
        checkLayer(conv, random(random, 3 * conv.inputSize(), 1), 3, random);
    }

    /** Stride 2 and 3 with padding 1 and 2: the strided im2col and col2im, whose positions skip input pixels. */
    @ParameterizedTest(name = "kernel {0}, stride {1}, padding {2}")
    @CsvSource({"3, 2, 1", "4, 3, 2", "2, 2, 0"})
    void stridedConvolutionGradientsAgreeWithFiniteDifferences(int kernel, int stride, int padding) {
        SplittableRandom random = new SplittableRandom(SEED);
        Conv2d conv = new Conv2d("layers.0", new ImageShape(2, 7, 6), 3, kernel, stride, padding, 2, PRODUCT);
        fill(conv.parameters(), random, 1);
        checkLayer(conv, random(random, 2 * conv.inputSize(), 1), 2, random);
    }

    /**
     * Inputs spaced 0.05 apart (a shuffled ladder), so that no ±h step changes which value of a window is the
     * largest and the finite difference sees the routed gradient exactly.
     */
    @Test
    void maxPoolGradientsAgreeWithFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(SEED);
        MaxPool2d pool = new MaxPool2d(new ImageShape(2, 5, 4), 2, 2);
        float[] input = new float[2 * pool.inputSize()];
        for (int i = 0; i < input.length; i++) {
            input[i] = 0.05f * (i - input.length / 2);
        }
        for (int i = input.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float t = input[i];
            input[i] = input[j];
            input[j] = t;
        }
        checkLayer(pool, input, 2, random);
    }

    /**
     * A whole CNN (conv → tanh → pool → conv → tanh → pool → dense → tanh → dense) against the cross-entropy,
     * with a step of 1e-3: a step of 1e-2 in a first-layer weight moves pooled values enough to swap the
     * maximum of some window (a kink, where no derivative exists). The float rounding of the loss, about 1e-7,
     * divided by 2e-3 stays under the absolute tolerance.
     */
    @Test
    void convolutionalNetworkGradientsAgreeWithFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(SEED);
        int rows = 2;
        ImageShape image = new ImageShape(2, 6, 5);
        Network network = Network.cnn(image, new int[] {3, 2}, new int[] {2, 4, 3}, ActivationFunction.TANH, rows,
                PRODUCT);
        fill(network.parameters(), random, 0.8);
        checkNetwork(network, random(random, rows * image.size(), 1), new int[] {2, 0}, 3, 1e-3);
    }

    private static void fill(List<Parameter> parameters, SplittableRandom random, double scale) {
        for (Parameter p : parameters) {
            System.arraycopy(random(random, p.size(), scale), 0, p.values(), 0, p.size());
        }
    }

    private static void checkNetwork(Network network, float[] input, int[] labels, int classes, double h) {
        int rows = labels.length;
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(classes, rows);
        loss.lossAndGradient(network.forward(input, rows), labels, 0, rows);
        network.backward(loss.gradient(), rows);
        for (Parameter p : network.parameters()) {
            float[] analytic = p.gradient().clone();
            for (int i = 0; i < p.size(); i++) {
                double numeric = centralDifference(p.values(), i,
                        () -> loss.evaluate(network.forward(input, rows), labels, 0, rows).sum() / rows, h);
                assertClose(numeric, analytic[i], p.name() + "[" + i + "]");
            }
        }
    }

    /** The whole chain: every parameter of a 3-layer tanh/GELU network against the cross-entropy. */
    @ParameterizedTest
    @EnumSource(value = ActivationFunction.class, names = {"TANH", "GELU"})
    void networkGradientsAgreeWithFiniteDifferences(ActivationFunction function) {
        SplittableRandom random = new SplittableRandom(SEED);
        int rows = 3;
        Network network = Network.mlp(new int[] {6, 5, 4, 3}, function, rows, PRODUCT);
        fill(network.parameters(), random, 0.8);
        checkNetwork(network, random(random, rows * 6, 1), new int[] {2, 0, 1}, 3, H);
    }
}
