package org.jaynes.formats.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Optional;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;

/**
 * Parses a ModelProto into the {@link OnnxGraph} tree of its main graph: nodes with their names,
 * inputs, outputs, Constant values, integer attributes and subgraphs (the {@code g} and {@code graphs}
 * attributes of If, Loop and Scan, recursively), and initializers. Everything else (doc strings, value infos, opset
 * imports, sparse initializers, training info) is skipped without being decoded.
 *
 * <p>A graph names each tensor once: an initializer or Constant output whose name another of the same
 * graph already has is refused (one of the two would be lost, and they are told apart by name). Every
 * node, initializer and value name kept is charged to a {@link MetadataBudget}: two bytes of file make
 * an empty node, so a file within protobuf's 2 GiB could otherwise hold more nodes than any heap.
 * Not thread-safe: one parser per file.
 */
final class OnnxGraphParser {

    /** Deeper nesting is taken for a malicious file rather than risk the stack. */
    static final int MAX_GRAPH_DEPTH = 64;

    static final String DUPLICATE_TENSOR = "tensor %s is defined twice in one graph (first at byte %d); ONNX names "
            + "each value once";

    private static final String CONSTANT_OP = "Constant";
    private static final String CONSTANT_VALUE = "value";
    /** Estimated heap of a value name kept in a node's list, beyond its characters. */
    private static final long NAME_BYTES = 48;

    private final MetadataBudget budget;

    private OnnxGraphParser(MetadataBudget budget) {
        this.budget = budget;
    }

    /** The model's main graph (ModelProto field 7), within a quarter of the heap. */
    static OnnxGraph parseModel(ProtoScanner model) throws ModelFormatException {
        return parseModel(model, MetadataBudget.ofHeap());
    }

    /** The model's main graph (ModelProto field 7), its nodes, tensors and names charged to {@code budget}. */
    static OnnxGraph parseModel(ProtoScanner model, MetadataBudget budget) throws ModelFormatException {
        return new OnnxGraphParser(budget).model(model);
    }

    private OnnxGraph model(ProtoScanner model) throws ModelFormatException {
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

    private OnnxGraph parseGraph(ProtoScanner graph, int depth) throws ModelFormatException {
        if (depth > MAX_GRAPH_DEPTH) {
            throw graph.error(graph.position(), "subgraphs nested more than %d levels deep", MAX_GRAPH_DEPTH);
        }
        List<OnnxGraph.Node> nodes = new ArrayList<>();
        List<OnnxTensorProto> initializers = new ArrayList<>();
        Map<String, Integer> tensorNames = new HashMap<>();
        while (graph.hasNext()) {
            ProtoField field = graph.next();
            if (field.number() == OnnxSchema.GRAPH_NODE) {
                OnnxGraph.Node node = parseNode(graph.message(field, OnnxSchema.NODE), depth);
                if (node.constant().isPresent()) {
                    defineOnce(graph, tensorNames, node.constant().get());
                }
                nodes.add(node);
            } else if (field.number() == OnnxSchema.GRAPH_INITIALIZER) {
                OnnxTensorProto tensor = OnnxTensorProtoParser.parse(graph.message(field, OnnxSchema.TENSOR), null, budget);
                budget.chargeEntry(graph.file(), tensor.offset(), "initializer", tensor.name());
                defineOnce(graph, tensorNames, tensor);
                initializers.add(tensor);
            }
        }
        return new OnnxGraph(nodes, initializers);
    }

    /** Records the name of a graph's tensor, refusing it when the graph already has a tensor of that name. */
    private static void defineOnce(ProtoScanner graph, Map<String, Integer> names, OnnxTensorProto tensor)
            throws ModelFormatException {
        if (tensor.name().isEmpty()) {
            return; // anonymous tensors are told apart by their place, not their name
        }
        Integer first = names.putIfAbsent(tensor.name(), tensor.offset());
        if (first != null) {
            throw graph.error(tensor.offset(), DUPLICATE_TENSOR, tensor.name(), first);
        }
    }

    private OnnxGraph.Node parseNode(ProtoScanner node, int depth) throws ModelFormatException {
        int offset = node.position();
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
                case OnnxSchema.NODE_INPUT -> inputs.add(valueName(node, field));
                case OnnxSchema.NODE_OUTPUT -> outputs.add(valueName(node, field));
                case OnnxSchema.NODE_NAME -> name = node.string(field);
                case OnnxSchema.NODE_OP_TYPE -> opType = node.string(field);
                case OnnxSchema.NODE_ATTRIBUTE -> {
                    Attribute attribute = parseAttribute(node.message(field, OnnxSchema.ATTRIBUTE), depth);
                    subgraphs.addAll(attribute.graphs());
                    if (attribute.name().equals(CONSTANT_VALUE) && value.isEmpty()) {
                        value = attribute.tensor();
                    }
                    if (attribute.integer().isPresent()) {
                        budget.charge(node.file(), field.offset(), NAME_BYTES + 2L * attribute.name().length(),
                                "node", name);
                        integers.putIfAbsent(attribute.name(), attribute.integer().getAsLong());
                    }
                }
                default -> {
                    // doc_string, domain, overload, metadata: nothing to do with weights
                }
            }
        }
        budget.chargeEntry(node.file(), offset, "node", name);
        Optional<OnnxTensorProto> constant = Optional.empty();
        if (opType.equals(CONSTANT_OP) && value.isPresent()) {
            // the graph knows a Constant's value by the node's output, whatever the tensor calls itself
            String storedName = outputs.isEmpty() ? null : outputs.get(0);
            constant = Optional.of(OnnxTensorProtoParser.parse(value.get(), storedName, budget));
        }
        return new OnnxGraph.Node(name, opType, inputs, outputs, constant, subgraphs, integers);
    }

    /** An AttributeProto: its name, its integer, its tensor (not parsed until known to be needed) and its graphs. */
    private record Attribute(String name, OptionalLong integer, Optional<ProtoScanner> tensor, List<OnnxGraph> graphs) {
    }

    /** A node's input or output name, charged to the budget. */
    private String valueName(ProtoScanner node, ProtoField field) throws ModelFormatException {
        String value = node.string(field);
        budget.charge(node.file(), field.offset(), NAME_BYTES + 2L * value.length(), "value name", value);
        return value;
    }

    private Attribute parseAttribute(ProtoScanner attribute, int depth) throws ModelFormatException {
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
