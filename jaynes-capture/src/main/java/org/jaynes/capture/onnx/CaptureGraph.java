package org.jaynes.capture.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jaynes.core.analysis.SetAsideSite;
import org.jaynes.formats.ModelFormatException;

/**
 * The capture sites and the inputs of an ONNX model.
 * <pre>{@code
 * CaptureGraph graph = CaptureGraph.read(Path.of("model.onnx"));
 * graph.sites().forEach(site -> System.out.println(site.name()));  // encoder.layer.0.attention.probs ...
 * }</pre>
 *
 * <p>Sites are the outputs of Relu, Gelu, Tanh, Sigmoid and Softmax nodes and of GELU written out with
 * Erf ({@link GeluPattern}); a Softmax of query-key scores is {@link SiteKind#ATTENTION_PROBABILITIES}
 * ({@link AttentionPattern}: Q·Kᵀ as a MatMul or an Einsum). Names follow {@link SiteNames}.
 *
 * <p>Sites inside the subgraphs of If, Loop and Scan nodes (at any depth) are found the same way but set
 * aside, each with the reason: an ONNX Runtime session returns only values of the main graph, and a value
 * computed inside a branch or a loop body is not one. (A Loop's or Scan's body could hand such a value out
 * as an extra scan output, and an If's branches as an extra output of both; jaynes does not yet rewrite
 * subgraphs so.)
 *
 * <p>Reading maps the file and parses it without copying initializer bytes ({@link OnnxModelFile}); no
 * reference to the file is kept, so the heap holds only the result.
 *
 * @param sites       the capture sites in graph order (the order of the nodes writing them)
 * @param setAside    the sites inside subgraphs, which are not captured, with the reason
 * @param inputs      the inputs the model must be fed, in graph order (initializers listed as inputs, as
 *                    old exporters write them, left out)
 * @param indexBounds for an integer input used directly as indices into an initializer (an embedding
 *                    table's Gather), the exclusive upper bound of valid values: the table's first
 *                    dimension, the smallest if there are several
 */
public record CaptureGraph(List<CaptureSite> sites, List<SetAsideSite> setAside, List<ModelInput> inputs,
                           Map<String, Long> indexBounds) {

    static final String IN_SUBGRAPH = "inside a subgraph of %s node '%s': ONNX Runtime returns only values of the "
            + "main graph";

    public CaptureGraph {
        sites = List.copyOf(sites);
        setAside = List.copyOf(setAside);
        inputs = List.copyOf(inputs);
        indexBounds = Map.copyOf(indexBounds);
    }

    /** The sites and inputs of the model in {@code file}. */
    public static CaptureGraph read(Path file) throws IOException, ModelFormatException {
        return of(OnnxModelFile.parse(file).getGraph());
    }

    static CaptureGraph of(GraphProto graph) {
        GraphIndex index = new GraphIndex(graph);
        List<SetAsideSite> setAside = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            setAsideWithin(node, node, setAside);
        }
        return new CaptureGraph(sites(index), setAside, inputs(graph), indexBounds(index));
    }

    /** Adds the sites of every subgraph of {@code node}, at any depth, set aside for {@code outer}'s sake. */
    private static void setAsideWithin(NodeProto outer, NodeProto node, List<SetAsideSite> setAside) {
        for (AttributeProto attribute : node.getAttributeList()) {
            List<GraphProto> subgraphs = new ArrayList<>(attribute.getGraphsList());
            if (attribute.hasG()) {
                subgraphs.add(attribute.getG());
            }
            for (GraphProto subgraph : subgraphs) {
                GraphIndex index = new GraphIndex(subgraph);
                AttentionPattern attention = new AttentionPattern(index);
                SiteNames names = new SiteNames(index);
                String reason = String.format(Locale.ROOT, IN_SUBGRAPH, outer.getOpType(), outer.getName());
                for (NodeProto inner : subgraph.getNodeList()) {
                    if (inner.getInputCount() > 0 && inner.getOutputCount() > 0) {
                        kindOf(inner, attention).ifPresent(kind -> setAside.add(new SetAsideSite(
                                names.name(inner, inner.getInput(0), kind), inner.getOutput(0), kind.function(),
                                reason)));
                    }
                    setAsideWithin(outer, inner, setAside);
                }
            }
        }
    }

    private record Found(NodeProto node, String input, SiteKind kind) {
    }

    private static List<CaptureSite> sites(GraphIndex index) {
        Map<Integer, Found> byPosition = new TreeMap<>();
        Map<NodeProto, Integer> position = new HashMap<>();
        List<NodeProto> nodes = index.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            position.put(nodes.get(i), i);
        }
        GeluPattern gelu = new GeluPattern(index);
        AttentionPattern attention = new AttentionPattern(index);
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto node = nodes.get(i);
            if (node.getOutputCount() == 0 || node.getInputCount() == 0) {
                continue;
            }
            kindOf(node, attention).ifPresent(kind -> byPosition.put(position.get(node),
                    new Found(node, node.getInput(0), kind)));
            if (node.getOpType().equals("Erf")) {
                gelu.match(node).ifPresent(match -> byPosition.put(position.get(match.site()),
                        new Found(match.site(), match.input(), SiteKind.GELU)));
            }
        }
        SiteNames names = new SiteNames(index);
        List<CaptureSite> sites = new ArrayList<>();
        for (Found found : byPosition.values()) {
            sites.add(new CaptureSite(names.name(found.node(), found.input(), found.kind()), found.kind(),
                    found.node().getOutput(0)));
        }
        return sites;
    }

    private static Optional<SiteKind> kindOf(NodeProto node, AttentionPattern attention) {
        return switch (node.getOpType()) {
            case "Relu" -> Optional.of(SiteKind.RELU);
            case "Gelu" -> Optional.of(SiteKind.GELU);
            case "Tanh" -> Optional.of(SiteKind.TANH);
            case "Sigmoid" -> Optional.of(SiteKind.SIGMOID);
            case "Softmax" -> Optional.of(attention.isAttention(node) ? SiteKind.ATTENTION_PROBABILITIES
                    : SiteKind.SOFTMAX);
            default -> Optional.empty();
        };
    }

    private static List<ModelInput> inputs(GraphProto graph) {
        Set<String> initializers = new HashSet<>();
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<ModelInput> inputs = new ArrayList<>();
        for (ValueInfoProto input : graph.getInputList()) {
            if (initializers.contains(input.getName())) {
                continue;
            }
            var tensorType = input.getType().getTensorType();
            List<TensorShapeProto.Dimension> dims = tensorType.getShape().getDimList();
            long[] shape = new long[dims.size()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = dims.get(d).hasDimValue() ? dims.get(d).getDimValue() : ModelInput.DYNAMIC;
            }
            inputs.add(new ModelInput(input.getName(), ElementType.ofOnnx(tensorType.getElemType()), shape));
        }
        return inputs;
    }

    private static Map<String, Long> indexBounds(GraphIndex index) {
        Map<String, Long> bounds = new HashMap<>();
        for (ValueInfoProto input : index.graph().getInputList()) {
            for (NodeProto consumer : index.consumers(input.getName())) {
                boolean lookup = consumer.getOpType().equals("Gather") && consumer.getInputCount() == 2
                        && consumer.getInput(1).equals(input.getName());
                Optional<TensorProto> table = lookup ? index.initializer(consumer.getInput(0)) : Optional.empty();
                if (table.isPresent() && table.get().getDimsCount() > 0) {
                    bounds.merge(input.getName(), table.get().getDims(0), Math::min);
                }
            }
        }
        return bounds;
    }
}
