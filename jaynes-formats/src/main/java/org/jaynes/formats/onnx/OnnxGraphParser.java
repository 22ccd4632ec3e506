package org.jaynes.formats.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Optional;
import org.jaynes.formats.ModelFormatException;

/**
 * Parses a ModelProto into the {@link OnnxGraph} tree of its main graph: nodes with their names,
 * inputs, outputs, Constant values, integer attributes and subgraphs (the {@code g} and {@code graphs}
 * attributes of If, Loop and Scan, recursively), and initializers. Everything else (doc strings, value infos, opset
 * imports, sparse initializers, training info) is skipped without being decoded.
 */
final class OnnxGraphParser {

    /** Deeper nesting is taken for a malicious file rather than risk the stack. */
    static final int MAX_GRAPH_DEPTH = 64;

    private static final String CONSTANT_OP = "Constant";
    private static final String CONSTANT_VALUE = "value";

    private OnnxGraphParser() {
    }

    /** The model's main graph (ModelProto field 7). */
    static OnnxGraph parseModel(ProtoScanner model) throws ModelFormatException {
        ProtoField graph = null;
        while (model.hasNext()) {
            ProtoField field = model.next();
            if (field.number() == OnnxSchema.MODEL_GRAPH) {
                if (graph != null) {
                    throw model.error(field.offset(), "second %s: a model has one main graph",
                            OnnxSchema.MODEL.describe(field.number()));
                }
                graph = field;
            }
        }
        if (graph == null) {
            throw model.error(0, "no graph: ModelProto has no field %d (graph)", OnnxSchema.MODEL_GRAPH);
        }
        return parseGraph(model.message(graph, OnnxSchema.GRAPH), 0);
    }

    private static OnnxGraph parseGraph(ProtoScanner graph, int depth) throws ModelFormatException {
        if (depth > MAX_GRAPH_DEPTH) {
            throw graph.error(graph.position(), "subgraphs nested more than %d levels deep", MAX_GRAPH_DEPTH);
        }
        List<OnnxGraph.Node> nodes = new ArrayList<>();
        List<OnnxTensorProto> initializers = new ArrayList<>();
        while (graph.hasNext()) {
            ProtoField field = graph.next();
            if (field.number() == OnnxSchema.GRAPH_NODE) {
                nodes.add(parseNode(graph.message(field, OnnxSchema.NODE), depth));
            } else if (field.number() == OnnxSchema.GRAPH_INITIALIZER) {
                initializers.add(OnnxTensorProtoParser.parse(graph.message(field, OnnxSchema.TENSOR), null));
            }
        }
        return new OnnxGraph(nodes, initializers);
    }

    private static OnnxGraph.Node parseNode(ProtoScanner node, int depth) throws ModelFormatException {
        String name = "";
        String opType = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Optional<ProtoScanner> value = Optional.empty();
        List<OnnxGraph> subgraphs = new ArrayList<>();
        Map<String, Long> integers = new HashMap<>();
        while (node.hasNext()) {
            ProtoField field = node.next();
            switch (field.number()) {
                case OnnxSchema.NODE_INPUT -> inputs.add(node.string(field));
                case OnnxSchema.NODE_OUTPUT -> outputs.add(node.string(field));
                case OnnxSchema.NODE_NAME -> name = node.string(field);
                case OnnxSchema.NODE_OP_TYPE -> opType = node.string(field);
                case OnnxSchema.NODE_ATTRIBUTE -> {
                    Attribute attribute = parseAttribute(node.message(field, OnnxSchema.ATTRIBUTE), depth);
                    subgraphs.addAll(attribute.graphs());
                    if (attribute.name().equals(CONSTANT_VALUE) && value.isEmpty()) {
                        value = attribute.tensor();
                    }
                    attribute.integer().ifPresent(i -> integers.putIfAbsent(attribute.name(), i));
                }
                default -> {
                    // doc_string, domain, overload, metadata: nothing to do with weights
                }
            }
        }
        Optional<OnnxTensorProto> constant = Optional.empty();
        if (opType.equals(CONSTANT_OP) && value.isPresent()) {
            // the graph knows a Constant's value by the node's output, whatever the tensor calls itself
            String storedName = outputs.isEmpty() ? null : outputs.get(0);
            constant = Optional.of(OnnxTensorProtoParser.parse(value.get(), storedName));
        }
        return new OnnxGraph.Node(name, opType, inputs, outputs, constant, subgraphs, integers);
    }

    /** An AttributeProto: its name, its integer, its tensor (not parsed until known to be needed) and its graphs. */
    private record Attribute(String name, OptionalLong integer, Optional<ProtoScanner> tensor, List<OnnxGraph> graphs) {
    }

    private static Attribute parseAttribute(ProtoScanner attribute, int depth) throws ModelFormatException {
        String name = "";
        OptionalLong integer = OptionalLong.empty();
        Optional<ProtoScanner> tensor = Optional.empty();
        List<OnnxGraph> graphs = new ArrayList<>();
        while (attribute.hasNext()) {
            ProtoField field = attribute.next();
            switch (field.number()) {
                case OnnxSchema.ATTRIBUTE_NAME -> name = attribute.string(field);
                case OnnxSchema.ATTRIBUTE_INT -> integer = OptionalLong.of(attribute.varint(field));
                case OnnxSchema.ATTRIBUTE_TENSOR -> tensor = Optional.of(attribute.message(field, OnnxSchema.TENSOR));
                case OnnxSchema.ATTRIBUTE_GRAPH, OnnxSchema.ATTRIBUTE_GRAPHS ->
                        graphs.add(parseGraph(attribute.message(field, OnnxSchema.GRAPH), depth + 1));
                default -> {
                    // floats, lists, strings, the tensors list, sparse tensors, type protos
                }
            }
        }
        return new Attribute(name, integer, tensor, graphs);
    }
}
