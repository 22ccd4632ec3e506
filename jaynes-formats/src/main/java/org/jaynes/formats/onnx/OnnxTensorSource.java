package org.jaynes.formats.onnx;

import java.util.Optional;

/**
 * A tensor a model holds, with the first node that uses it: what its layer name is made from.
 *
 * @param tensor   the parsed tensor; its name is the stored name (a Constant's output name)
 * @param constant whether it is a Constant node's value rather than an initializer
 * @param consumer the first node, in file order, that takes it as an input
 */
record OnnxTensorSource(OnnxTensorProto tensor, boolean constant, Optional<Consumer> consumer) {

    /**
     * A node that uses a tensor.
     *
     * @param nodeName the node's name ({@code ""} if it has none)
     * @param opType   its operator
     * @param slot     the input slot the tensor fills, from 0
     */
    record Consumer(String nodeName, String opType, int slot) {
    }
}
