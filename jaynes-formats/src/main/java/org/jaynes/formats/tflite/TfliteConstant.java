package org.jaynes.formats.tflite;

import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;

/**
 * A tensor of a tflite model that has values in a buffer: a weight, a bias, a constant.
 *
 * @param subgraph     the index of its subgraph
 * @param index        its index in the subgraph
 * @param name         its name as stored ({@code model/conv2d/Conv2D}), or {@code tensor_<s>_<i>} when unnamed
 * @param type         its stored type
 * @param shape        its dense shape
 * @param quantization its scales and zero points, or null
 * @param sparsity     how its stored values map to the dense shape, or null when dense
 * @param dataOffset   the file offset of its stored bytes
 * @param dataLength   the number of stored bytes
 * @param role         what the operators that read it tell of its role, or null when they tell nothing
 * @param tableOffset  the file offset of its Tensor table, for messages
 */
record TfliteConstant(int subgraph, int index, String name, TfliteType type, Shape shape,
        TfliteQuantization quantization, TfliteSparsity sparsity, long dataOffset, long dataLength, Role role,
        long tableOffset) {
}
