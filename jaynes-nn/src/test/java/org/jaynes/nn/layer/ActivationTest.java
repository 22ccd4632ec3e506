package org.jaynes.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free ReLU of {@link Activation} against its definition, bit for bit. */
class ActivationTest {

    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1f, -1f,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
        Float.intBitsToFloat(0x7F800001), Float.intBitsToFloat(0xFF800001), Float.intBitsToFloat(0xFFFFFFFF),
        Float.intBitsToFloat(0x7FFFFFFF)};

    @Test
    void thePositiveMaskIsTheTestXGreaterThanZero() {
        for (float x : SPECIAL) {
            assertEquals(x > 0 ? -1 : 0, Activation.positiveMask(Float.floatToRawIntBits(x)), "x = " + x);
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 1_000_000; i++) {
            int bits = random.nextInt();
            assertEquals(Float.intBitsToFloat(bits) > 0 ? -1 : 0, Activation.positiveMask(bits),
                    "bits " + Integer.toHexString(bits) + " (seed 5)");
        }
    }

    @Test
    void reluAndItsGradientAreTheDefinitionBitForBit() {
        int size = SPECIAL.length;
        Activation relu = new Activation(ActivationFunction.RELU, size, 2);
        float[] x = new float[2 * size];
        float[] g = new float[2 * size];
        for (int i = 0; i < size; i++) {
            x[i] = SPECIAL[i];
            x[size + i] = SPECIAL[size - 1 - i];
            g[i] = i % 2 == 0 ? -1.5f : Float.NaN;
            g[size + i] = i % 3 == 0 ? Float.POSITIVE_INFINITY : 2.5f;
        }
        float[] y = relu.forward(x, 2);
        float[] dx = relu.backward(g, 2, true);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(x[i] > 0 ? x[i] : 0f), Float.floatToRawIntBits(y[i]), "y of " + x[i]);
            assertEquals(Float.floatToRawIntBits(g[i] * (x[i] > 0 ? 1f : 0f)), Float.floatToRawIntBits(dx[i]),
                    "dx of " + x[i] + " and " + g[i]);
        }
    }
}
