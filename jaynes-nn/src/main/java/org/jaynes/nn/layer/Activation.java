package org.jaynes.nn.layer;

import java.util.List;

/** An element-wise activation layer: y = f(x), dL/dx = f'(x) dL/dy. */
public final class Activation implements Layer {

    /** The bits of 1f: ReLU's derivative where x &gt; 0. */
    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    private final ActivationFunction function;
    private final int size;
    private final float[] output;
    private final float[] inputGradient;
    private float[] input;

    public Activation(ActivationFunction function, int size, int maxRows) {
        this.function = function;
        this.size = size;
        this.output = new float[Math.multiplyExact(size, maxRows)];
        this.inputGradient = new float[output.length];
    }

    public ActivationFunction function() {
        return function;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public float[] forward(float[] input, int rows) {
        this.input = input;
        int length = rows * size;
        if (function == ActivationFunction.RELU) {
            for (int i = 0; i < length; i++) {
                int bits = Float.floatToRawIntBits(input[i]);
                output[i] = Float.intBitsToFloat(bits & positiveMask(bits));
            }
        } else {
            for (int i = 0; i < length; i++) {
                output[i] = function.apply(input[i]);
            }
        }
        return output;
    }

    @Override
    public float[] backward(float[] outputGradient, int rows, boolean wantInputGradient) {
        if (!wantInputGradient) {
            return null;
        }
        int length = rows * size;
        if (function == ActivationFunction.RELU) {
            for (int i = 0; i < length; i++) {
                int one = ONE_BITS & positiveMask(Float.floatToRawIntBits(input[i]));
                inputGradient[i] = outputGradient[i] * Float.intBitsToFloat(one);
            }
        } else {
            for (int i = 0; i < length; i++) {
                inputGradient[i] = outputGradient[i] * function.derivative(input[i], output[i]);
            }
        }
        return inputGradient;
    }

    /**
     * All ones when the float of {@code bits} is &gt; 0 (a positive number or +∞), else 0 (±0, negatives, NaN):
     * ReLU's test {@code x > 0} without a branch. Implementation note: ReLU's signs are a coin toss, so the
     * branch of {@code x > 0 ? x : 0} (C2 makes no conditional move for floats) was mispredicted half the time and
     * cost about a fifth of a CNN epoch; here t = bits − 1 lies in [0, 0x7F7FFFFF] exactly for those floats.
     */
    static int positiveMask(int bits) {
        int t = bits - 1;
        return ~((t | (0x7F7FFFFF - t)) >> 31);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
