package org.jaynes.nn.layer;

import java.util.List;

/**
 * One stage of a network acting on a batch of rows, each row a vector (an image flattened in NCHW order, so
 * a dense layer after a convolution needs no separate flatten). Buffers are sized once for a largest batch
 * and reused, so a training step allocates nothing. Not thread-safe.
 */
public sealed interface Layer permits Dense, Activation, ImageLayer {

    int inputSize();

    int outputSize();

    /**
     * The output for {@code rows} input rows (row-major, rows × inputSize). Returns this layer's own
     * buffer, valid until the next call; the input must stay unchanged until {@link #backward}.
     */
    float[] forward(float[] input, int rows);

    /**
     * Given dL/d(output) for the rows of the last {@link #forward}, sets every parameter's gradient and
     * returns dL/d(input) (this layer's buffer), or null when {@code inputGradient} is false.
     */
    float[] backward(float[] outputGradient, int rows, boolean inputGradient);

    /** The trainable tensors; empty for an activation. */
    List<Parameter> parameters();
}
