package org.jaynes.formats.onnx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists every tensor of a graph tree: the initializers and Constant values of the main graph and of
 * every subgraph, in file order, each with the first node that consumes it. A tensor's consumer is
 * searched in its own graph, including the subgraphs nested in it (which may use outer values).
 * Cost: O(nodes × depth) for the consumer indexes.
 */
final class OnnxGraphWalk {

    private OnnxGraphWalk() {
    }

    /** Every tensor of the graph tree, in file order. */
    static List<OnnxTensorSource> tensors(OnnxGraph main) {
        List<OnnxTensorSource> sources = new ArrayList<>();
        walk(main, sources);
        sources.sort(Comparator.comparingInt(source -> source.tensor().offset()));
        return sources;
    }

    private static void walk(OnnxGraph graph, List<OnnxTensorSource> sources) {
        Map<String, OnnxTensorSource.Consumer> consumers = firstConsumers(graph);
        for (OnnxGraph.Node node : graph.nodes()) {
            node.constant().ifPresent(tensor -> sources.add(
                    new OnnxTensorSource(tensor, true, Optional.ofNullable(consumers.get(tensor.name())))));
            for (OnnxGraph subgraph : node.subgraphs()) {
                walk(subgraph, sources);
            }
        }
        for (OnnxTensorProto tensor : graph.initializers()) {
            sources.add(new OnnxTensorSource(tensor, false, Optional.ofNullable(consumers.get(tensor.name()))));
        }
    }

    /** Value name to the first node using it, the graph's own nodes before their subgraphs' at each step. */
    private static Map<String, OnnxTensorSource.Consumer> firstConsumers(OnnxGraph graph) {
        Map<String, OnnxTensorSource.Consumer> first = new HashMap<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            List<String> inputs = node.inputs();
            for (int slot = 0; slot < inputs.size(); slot++) {
                if (!inputs.get(slot).isEmpty()) {
                    first.putIfAbsent(inputs.get(slot), new OnnxTensorSource.Consumer(node.name(), node.opType(), slot));
                }
            }
            for (OnnxGraph subgraph : node.subgraphs()) {
                firstConsumers(subgraph).forEach(first::putIfAbsent);
            }
        }
        return first;
    }
}
