package org.jaynes.nn.layer;

import java.util.Arrays;
import java.util.List;
import org.jaynes.nn.tensor.MatrixProduct;

/**
 * A fully connected layer y = x Wᵀ + b, with W stored [out, in] as PyTorch's {@code nn.Linear} stores it.
 * Gradients: dL/dW = (dL/dy)ᵀ x, dL/db = column sums of dL/dy (a float sum over the rows in order),
 * dL/dx = (dL/dy) W. Each product goes through the shared {@link MatrixProduct}, whose transposed variants
 * read W and dL/dy where they lie. Not thread-safe.
 */
public final class Dense implements Layer {

    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private final MatrixProduct product;
    private final float[] output;
    private final float[] inputGradient;
    private float[] input;

    /**
     * @param name    the prefix of the parameter names, e.g. {@code layers.0}
     * @param maxRows the largest batch this layer will see
     */
    public Dense(String name, int in, int out, int maxRows, MatrixProduct product) {
        if (in < 1 || out < 1 || maxRows < 1) {
            throw new IllegalArgumentException("a dense layer needs positive sizes, not in " + in + ", out " + out
                    + ", rows " + maxRows);
        }
        this.in = in;
        this.out = out;
        this.product = product;
        this.weight = new Parameter(name + ".weight", true, out, in);
        this.bias = new Parameter(name + ".bias", false, out);
        this.output = new float[Math.multiplyExact(out, maxRows)];
        this.inputGradient = new float[Math.multiplyExact(in, maxRows)];
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public float[] forward(float[] input, int rows) {
        this.input = input;
        float[] b = bias.values();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(b, 0, output, r * out, out);
        }
        product.multiplyTransposeB(input, weight.values(), output, rows, in, out, true);
        return output;
    }

    @Override
    public float[] backward(float[] outputGradient, int rows, boolean wantInputGradient) {
        product.multiplyTransposeA(outputGradient, input, weight.gradient(), out, rows, in, false);
        float[] db = bias.gradient();
        Arrays.fill(db, 0f);
        for (int r = 0; r < rows; r++) {
            int base = r * out;
            for (int o = 0; o < out; o++) {
                db[o] += outputGradient[base + o];
            }
        }
        if (!wantInputGradient) {
            return null;
        }
        product.multiply(outputGradient, weight.values(), inputGradient, rows, out, in, false);
        return inputGradient;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
