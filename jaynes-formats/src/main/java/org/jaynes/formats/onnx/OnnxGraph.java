package org.jaynes.formats.onnx;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of a GraphProto that holds or names weights: its nodes (with their subgraphs) and its
 * initializers, both in file order.
 *
 * @param nodes        the nodes in file order
 * @param initializers the initializers in file order
 */
record OnnxGraph(List<Node> nodes, List<OnnxTensorProto> initializers) {

    OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
    }

    /**
     * A NodeProto.
     *
     * @param name      the node's name, often a path such as {@code /encoder/layer.0/attention/self/query/MatMul}
     * @param opType    the operator, such as {@code MatMul}
     * @param inputs    the input value names, by slot ({@code ""} for an omitted optional input)
     * @param outputs   the output value names
     * @param constant  the {@code value} tensor of a Constant node
     * @param subgraphs the graphs of its graph attributes (If's branches, Loop's and Scan's body), in file order
     * @param integers  its integer attributes by name ({@code axis} of DequantizeLinear), as stored
     */
    record Node(String name, String opType, List<String> inputs, List<String> outputs,
                Optional<OnnxTensorProto> constant, List<OnnxGraph> subgraphs, Map<String, Long> integers) {

        Node {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            subgraphs = List.copyOf(subgraphs);
            integers = Map.copyOf(integers);
        }
    }
}
