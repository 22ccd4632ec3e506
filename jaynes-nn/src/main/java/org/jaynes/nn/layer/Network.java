package org.jaynes.nn.layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jaynes.nn.tensor.MatrixProduct;

/**
 * A feed-forward stack of layers. {@link #mlp} builds PyTorch's
 * {@code nn.Sequential(Linear, act, Linear, act, …, Linear)} with the same parameter names
 * ({@code layers.0.weight}, {@code layers.0.bias}, {@code layers.2.weight}, …), all zero until an
 * initialiser fills them. Not thread-safe.
 */
public final class Network {

    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private final List<Dense> dense;
    private final int maxRows;

    private Network(List<Layer> layers, int maxRows) {
        this.layers = List.copyOf(layers);
        this.maxRows = maxRows;
        List<Parameter> all = new ArrayList<>();
        List<Dense> linear = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
            if (layer instanceof Dense d) {
                linear.add(d);
            }
        }
        this.parameters = Collections.unmodifiableList(all);
        this.dense = Collections.unmodifiableList(linear);
    }

    /**
     * A multilayer perceptron with the given widths, input first: {@code [784, 256, 10]} has two dense layers.
     *
     * @param maxRows the largest batch it will see (training or evaluation)
     */
    public static Network mlp(int[] widths, ActivationFunction activation, int maxRows, MatrixProduct product) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output width");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(new Dense("layers." + layers.size(), widths[i], widths[i + 1], maxRows, product));
            if (i + 2 < widths.length) {
                layers.add(new Activation(activation, widths[i + 1], maxRows));
            }
        }
        return new Network(layers, maxRows);
    }

    public List<Layer> layers() {
        return layers;
    }

    /** Every trainable tensor, in layer order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The dense layers, in order. */
    public List<Dense> denseLayers() {
        return dense;
    }

    public int inputSize() {
        return layers.get(0).inputSize();
    }

    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    public int maxRows() {
        return maxRows;
    }

    /** The logits for {@code rows} input rows; a buffer of the last layer. */
    public float[] forward(float[] input, int rows) {
        if (rows < 1 || rows > maxRows) {
            throw new IllegalArgumentException("rows must be in [1, " + maxRows + "], not " + rows);
        }
        float[] x = input;
        for (Layer layer : layers) {
            x = layer.forward(x, rows);
        }
        return x;
    }

    /** Sets every parameter's gradient from dL/d(logits) of the last forward pass. */
    public void backward(float[] logitGradient, int rows) {
        float[] g = logitGradient;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, rows, i > 0);
        }
    }
}
