package org.jaynes.nn.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.jaynes.nn.tensor.MatrixProduct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
        float saved = values[i];
        values[i] = (float) (saved + H);
        double up = loss.getAsDouble();
        float upValue = values[i];
        values[i] = (float) (saved - H);
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

    /** The whole chain: every parameter of a 3-layer tanh/GELU network against the cross-entropy. */
    @ParameterizedTest
    @EnumSource(value = ActivationFunction.class, names = {"TANH", "GELU"})
    void networkGradientsAgreeWithFiniteDifferences(ActivationFunction function) {
        SplittableRandom random = new SplittableRandom(SEED);
        int rows = 3;
        Network network = Network.mlp(new int[] {6, 5, 4, 3}, function, rows, PRODUCT);
        for (Parameter p : network.parameters()) {
            System.arraycopy(random(random, p.size(), 0.8), 0, p.values(), 0, p.size());
        }
        float[] input = random(random, rows * 6, 1);
        int[] labels = {2, 0, 1};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3, rows);
        loss.lossAndGradient(network.forward(input, rows), labels, 0, rows);
        network.backward(loss.gradient(), rows);
        for (Parameter p : network.parameters()) {
            float[] analytic = p.gradient().clone();
            for (int i = 0; i < p.size(); i++) {
                double numeric = centralDifference(p.values(), i,
                        () -> loss.evaluate(network.forward(input, rows), labels, 0, rows).sum() / rows);
                assertClose(numeric, analytic[i], p.name() + "[" + i + "]");
            }
        }
    }
}
