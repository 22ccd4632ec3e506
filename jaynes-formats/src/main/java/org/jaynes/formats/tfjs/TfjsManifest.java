package org.jaynes.formats.tfjs;

import java.util.List;
import org.jaynes.core.tensor.Shape;

/**
 * The {@code weightsManifest} of a TF.js {@code model.json}: groups of weights, each group's weights laid
 * out back to back across its shard files taken in order.
 *
 * @param groups the groups, in manifest order
 */
record TfjsManifest(List<Group> groups) {

    TfjsManifest {
        groups = List.copyOf(groups);
    }

    /**
     * One group.
     *
     * @param paths       its shard files, relative to the folder of model.json
     * @param pathOffsets the byte of model.json where each path is written, for messages
     * @param weights     its weights, in layout order
     */
    record Group(List<String> paths, List<Long> pathOffsets, List<Weight> weights) {

        Group {
            paths = List.copyOf(paths);
            pathOffsets = List.copyOf(pathOffsets);
            weights = List.copyOf(weights);
        }
    }

    /**
     * One weight.
     *
     * @param name         its name ({@code StatefulPartitionedCall/model/conv2d/Conv2D/ReadVariableOp})
     * @param shape        its shape
     * @param dtype        its dtype, as the manifest gives it (a weight dtype)
     * @param quantization how it is stored, or null when stored as its dtype
     * @param jsonOffset   the byte of model.json where its entry starts, for messages
     */
    record Weight(String name, Shape shape, TfjsType dtype, Quantization quantization, long jsonOffset) {

        /** The dtype its bytes are stored as. */
        TfjsType stored() {
            return quantization == null ? dtype : quantization.dtype();
        }
    }

    /**
     * The quantization of a weight: {@code w = min + scale * q} for uint8 and uint16; float16 has neither.
     *
     * @param dtype the stored dtype (uint8, uint16 or float16)
     * @param min   the value of level 0
     * @param scale the step between levels
     */
    record Quantization(TfjsType dtype, double min, double scale) {
    }
}
