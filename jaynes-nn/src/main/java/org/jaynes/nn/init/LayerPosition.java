package org.jaynes.nn.init;

/**
 * Where a weight layer sits in its network, which is all an initialiser may depend on.
 *
 * @param index  0 for the first weight layer, {@code count - 1} for the output layer
 * @param count  weight layers in the network, at least 1
 * @param fanIn  inputs of the layer
 * @param fanOut outputs of the layer
 */
public record LayerPosition(int index, int count, int fanIn, int fanOut) {

    public LayerPosition {
        if (count < 1 || index < 0 || index >= count || fanIn < 1 || fanOut < 1) {
            throw new IllegalArgumentException("no layer " + index + " of " + count + " with fan-in " + fanIn
                    + " and fan-out " + fanOut);
        }
    }

    /** True for the last weight layer, the one that produces the logits. */
    public boolean isOutput() {
        return index == count - 1;
    }
}
