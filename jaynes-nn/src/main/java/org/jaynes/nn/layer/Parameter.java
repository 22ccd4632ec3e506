package org.jaynes.nn.layer;

/**
 * One trainable tensor: its values, the gradient of the loss with respect to them (overwritten by each
 * backward pass), its name and its shape as PyTorch stores it ({@code [out, in]} for a dense weight).
 * Mutable by design: optimisers update {@link #values} in place.
 */
public final class Parameter {

    private final String name;
    private final int[] shape;
    private final float[] values;
    private final float[] gradient;
    private final boolean weight;

    Parameter(String name, boolean weight, int... shape) {
        int size = 1;
        for (int d : shape) {
            size = Math.multiplyExact(size, d);
        }
        this.name = name;
        this.weight = weight;
        this.shape = shape.clone();
        this.values = new float[size];
        this.gradient = new float[size];
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return values.length;
    }

    /**
     * A trainable tensor outside any layer, such as the (μ, σ) that drive a layer during a
     * distribution-only warm-up; all zero until set.
     */
    public static Parameter of(String name, boolean weight, int... shape) {
        return new Parameter(name, weight, shape);
    }

    /** The values, live: writes change the network. */
    public float[] values() {
        return values;
    }

    /** The gradient of the last backward pass, live. */
    public float[] gradient() {
        return gradient;
    }

    /** True for a weight matrix (a population of docs/theory.md §4), false for a bias. */
    public boolean isWeight() {
        return weight;
    }
}
