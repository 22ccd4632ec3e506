package org.jaynes.nn.layer;

/**
 * A layer with a weight tensor (a population of docs/theory.md §4), with the fans an initialiser needs, counted
 * as PyTorch counts them: a dense [out, in] weight has fan-in in and fan-out out; a convolution
 * [out, in, k, k] has fan-in in·k·k and fan-out out·k·k.
 *
 * @param layer  the dense or convolutional layer
 * @param weight its weight
 * @param bias   its bias
 * @param fanIn  inputs per output value
 * @param fanOut outputs each input value reaches, per position
 */
public record WeightedLayer(Layer layer, Parameter weight, Parameter bias, int fanIn, int fanOut) {

    /** The weighted view of {@code layer}, or null for a layer without weights. */
    static WeightedLayer of(Layer layer) {
        if (layer instanceof Dense d) {
            return new WeightedLayer(d, d.weight(), d.bias(), d.inputSize(), d.outputSize());
        }
        if (layer instanceof Conv2d c) {
            return new WeightedLayer(c, c.weight(), c.bias(), c.fanIn(), c.fanOut());
        }
        return null;
    }
}
