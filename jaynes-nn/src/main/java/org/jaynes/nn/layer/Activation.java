package org.jaynes.nn.layer;

import java.util.List;

/** An element-wise activation layer: y = f(x), dL/dx = f'(x) dL/dy. */
public final class Activation implements Layer {

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
                float x = input[i];
                output[i] = x > 0 ? x : 0f;
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
            // the derivative's switch inlined: the same products, g · 1 or g · 0
            for (int i = 0; i < length; i++) {
                inputGradient[i] = outputGradient[i] * (input[i] > 0 ? 1f : 0f);
            }
        } else {
            for (int i = 0; i < length; i++) {
                inputGradient[i] = outputGradient[i] * function.derivative(input[i], output[i]);
            }
        }
        return inputGradient;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
