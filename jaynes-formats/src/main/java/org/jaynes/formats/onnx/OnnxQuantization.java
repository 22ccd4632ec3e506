package org.jaynes.formats.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.ModelFormatException;

/**
 * Finds the weights a model stores quantized, from the graph's structure, for the patterns the ONNX
 * quantizers write:
 * <ul>
 *   <li>{@code DequantizeLinear(q, scale, zero_point)} on a constant {@code q} (the QDQ format), per tensor
 *       or per axis (attribute {@code axis}, default 1); blocked quantization ({@code block_size}) is not
 *       dequantized;</li>
 *   <li>{@code DequantizeLinear} after a {@code Gather} of a constant table (onnxruntime's quantized
 *       embeddings), per tensor only;</li>
 *   <li>{@code QLinearMatMul} (weight {@code b}, per tensor or per output column) and {@code QLinearConv}
 *       (weight {@code w}, per tensor or per output channel), scale and zero point among the inputs;</li>
 *   <li>{@code MatMulInteger} (weight {@code B}, zero point per tensor or per column) and
 *       {@code ConvInteger} (weight {@code w}, per output channel), whose weight scale is not an input: as
 *       onnxruntime's dynamic quantization writes them, the integer output is cast to float and
 *       multiplied by {@code Mul(activation_scale, weight_scale)}, and the constant factor of that product
 *       is the weight's scale. When no such factor is found, the weight is left integer only.</li>
 * </ul>
 * A constant is an initializer or a Constant node's value, anywhere in the graph tree (ONNX names are
 * unique across a model). Each quantized tensor is taken once, at its first dequantizing node in file
 * order. Scales and zero points must be constants with one element or one per index of the axis;
 * anything else is a {@link ModelFormatException} naming the node.
 */
final class OnnxQuantization {

    static final String BAD_SHAPE = "%s node %s: %s %s has shape %s, but weight %s has shape %s: expected one "
            + "value or %d along axis %d";
    static final String BAD_AXIS = "%s node %s: axis %d is outside weight %s of rank %d";

    private static final Set<DType> INTEGER_TYPES = Set.of(DType.I8, DType.U8, DType.I16, DType.U16, DType.I32);
    private static final int LAST_AXIS = Integer.MIN_VALUE;
    private static final int DEFAULT_DEQUANTIZE_AXIS = 1;

    /** A node's use of a value: the node and the input slot. */
    private record Use(OnnxGraph.Node node, int slot) {
    }

    private final ProtoScanner model;
    private final Map<String, OnnxTensorProto> constants = new HashMap<>();
    private final Map<String, OnnxGraph.Node> producers = new HashMap<>();
    private final Map<String, List<Use>> uses = new HashMap<>();
    private final List<OnnxGraph.Node> nodes = new ArrayList<>();
    private final Map<String, QuantizedWeight> found = new LinkedHashMap<>();

    private OnnxQuantization(ProtoScanner model) {
        this.model = model;
    }

    /** The quantized weights of the graph tree, by the stored name of their integer tensor. */
    static Map<String, QuantizedWeight> find(OnnxGraph main, ProtoScanner model) throws ModelFormatException {
        OnnxQuantization search = new OnnxQuantization(model);
        search.index(main);
        for (OnnxGraph.Node node : search.nodes) {
            search.visit(node);
        }
        return search.found;
    }

    private void index(OnnxGraph graph) {
        graph.initializers().forEach(t -> constants.putIfAbsent(t.name(), t));
        for (OnnxGraph.Node node : graph.nodes()) {
            nodes.add(node);
            node.constant().ifPresent(t -> constants.putIfAbsent(t.name(), t));
            node.outputs().forEach(o -> producers.putIfAbsent(o, node));
            for (int slot = 0; slot < node.inputs().size(); slot++) {
                uses.computeIfAbsent(node.inputs().get(slot), k -> new ArrayList<>()).add(new Use(node, slot));
            }
            node.subgraphs().forEach(this::index);
        }
    }

    private void visit(OnnxGraph.Node node) throws ModelFormatException {
        switch (node.opType()) {
            case "DequantizeLinear" -> dequantizeLinear(node);
            case "QLinearMatMul" -> add(node, 3, Optional.ofNullable(constant(node, 4)), 5, LAST_AXIS);
            case "QLinearConv" -> add(node, 3, Optional.ofNullable(constant(node, 4)), 5, 0);
            case "MatMulInteger" -> add(node, 1, scaleAfter(node), 3, LAST_AXIS);
            case "ConvInteger" -> add(node, 1, scaleAfter(node), 3, 0);
            default -> {
                // not a quantized operator
            }
        }
    }

    private void dequantizeLinear(OnnxGraph.Node node) throws ModelFormatException {
        if (node.integers().getOrDefault("block_size", 0L) != 0) {
            return;
        }
        OnnxTensorProto scale = constant(node, 1);
        if (scale == null || node.inputs().isEmpty()) {
            return;
        }
        String x = node.inputs().get(0);
        OnnxTensorProto direct = integerConstant(x);
        if (direct != null) {
            long axis = node.integers().getOrDefault("axis", (long) DEFAULT_DEQUANTIZE_AXIS);
            List<Use> users = node.outputs().isEmpty()
                    ? List.of()
                    : uses.getOrDefault(node.outputs().get(0), List.of());
            Use user = users.isEmpty() ? new Use(node, 0) : users.get(0);
            record(node, direct, scale, 2, axis, consumer(user));
            return;
        }
        OnnxGraph.Node gather = producers.get(x);
        if (gather != null && gather.opType().equals("Gather") && !gather.inputs().isEmpty()) {
            OnnxTensorProto table = integerConstant(gather.inputs().get(0));
            Optional<OnnxTensorProto> zeroPoint = zeroPoint(node, 2);
            boolean perTensor = scale.shape().elementCount() == 1
                    && (zeroPoint == null || zeroPoint.isEmpty() || zeroPoint.get().shape().elementCount() == 1);
            if (table != null && zeroPoint != null && perTensor) {
                found.putIfAbsent(table.name(), new QuantizedWeight(table, scale, zeroPoint, 0,
                        consumer(new Use(gather, 0))));
            }
        }
    }

    private void add(OnnxGraph.Node node, int weightSlot, Optional<OnnxTensorProto> scale, int zeroPointSlot, int axis)
            throws ModelFormatException {
        if (weightSlot >= node.inputs().size() || scale.isEmpty()) {
            return;
        }
        OnnxTensorProto weight = integerConstant(node.inputs().get(weightSlot));
        if (weight != null) {
            record(node, weight, scale.get(), zeroPointSlot, axis == LAST_AXIS ? weight.shape().rank() - 1 : axis,
                    consumer(new Use(node, weightSlot)));
        }
    }

    private void record(OnnxGraph.Node node, OnnxTensorProto weight, OnnxTensorProto scale, int zeroPointSlot,
                        long axis, OnnxTensorSource.Consumer layer) throws ModelFormatException {
        if (found.containsKey(weight.name())) {
            return;
        }
        Optional<OnnxTensorProto> zeroPoint = zeroPoint(node, zeroPointSlot);
        if (zeroPoint == null) {
            return;
        }
        Shape shape = weight.shape();
        long scaleCount = scale.shape().elementCount();
        long zeroCount = zeroPoint.map(z -> z.shape().elementCount()).orElse(1L);
        if (scaleCount == 1 && zeroCount == 1) {
            found.put(weight.name(), new QuantizedWeight(weight, scale, zeroPoint, 0, layer));
            return;
        }
        int rank = shape.rank();
        long normal = axis < 0 ? axis + rank : axis;
        if (normal < 0 || normal >= rank) {
            throw model.error(weight.offset(), BAD_AXIS, node.opType(), describe(node), axis, weight.name(), rank);
        }
        int a = (int) normal;
        check(node, "scale", scale, weight, a);
        if (zeroPoint.isPresent()) {
            check(node, "zero point", zeroPoint.get(), weight, a);
        }
        found.put(weight.name(), new QuantizedWeight(weight, scale, zeroPoint, a, layer));
    }

    /** A scale or zero point: one value, or a vector as long as the weight's axis. */
    private void check(OnnxGraph.Node node, String what, OnnxTensorProto vector, OnnxTensorProto weight, int axis)
            throws ModelFormatException {
        Shape shape = vector.shape();
        boolean one = shape.elementCount() == 1;
        boolean along = shape.rank() == 1 && shape.dim(0) == weight.shape().dim(axis);
        if (!one && !along) {
            throw model.error(vector.offset(), BAD_SHAPE, node.opType(), describe(node), what, vector.name(), shape,
                    weight.name(), weight.shape(), weight.shape().dim(axis), axis);
        }
    }

    /** The zero point in an input slot: empty when omitted, null when not a constant (not a weight pattern). */
    private Optional<OnnxTensorProto> zeroPoint(OnnxGraph.Node node, int slot) {
        if (slot >= node.inputs().size() || node.inputs().get(slot).isEmpty()) {
            return Optional.empty();
        }
        OnnxTensorProto zeroPoint = integerConstant(node.inputs().get(slot));
        return zeroPoint == null ? null : Optional.of(zeroPoint);
    }

    /**
     * The weight scale of a MatMulInteger or ConvInteger output: its output (possibly through a Cast) is
     * multiplied by {@code Mul(s1, s2)} in which exactly one factor is a floating-point constant.
     */
    private Optional<OnnxTensorProto> scaleAfter(OnnxGraph.Node node) {
        if (node.outputs().isEmpty()) {
            return Optional.empty();
        }
        String value = node.outputs().get(0);
        List<Use> next = uses.getOrDefault(value, List.of());
        if (next.size() == 1 && next.get(0).node().opType().equals("Cast") && !next.get(0).node().outputs().isEmpty()) {
            value = next.get(0).node().outputs().get(0);
        }
        for (Use use : uses.getOrDefault(value, List.of())) {
            if (!use.node().opType().equals("Mul") || use.node().inputs().size() != 2) {
                continue;
            }
            OnnxGraph.Node product = producers.get(use.node().inputs().get(1 - use.slot()));
            if (product == null || !product.opType().equals("Mul") || product.inputs().size() != 2) {
                continue;
            }
            OnnxTensorProto first = floatConstant(product.inputs().get(0));
            OnnxTensorProto second = floatConstant(product.inputs().get(1));
            if ((first == null) != (second == null)) {
                return Optional.of(first != null ? first : second);
            }
        }
        return Optional.empty();
    }

    private OnnxTensorProto constant(OnnxGraph.Node node, int slot) {
        return slot < node.inputs().size() ? floatConstant(node.inputs().get(slot)) : null;
    }

    private OnnxTensorProto integerConstant(String name) {
        OnnxTensorProto tensor = constants.get(name);
        return tensor != null && dtype(tensor).filter(INTEGER_TYPES::contains).isPresent() ? tensor : null;
    }

    private OnnxTensorProto floatConstant(String name) {
        OnnxTensorProto tensor = constants.get(name);
        return tensor != null && dtype(tensor).filter(DType::isFloating).isPresent() ? tensor : null;
    }

    private static Optional<DType> dtype(OnnxTensorProto tensor) {
        return OnnxDataType.of(tensor.dataType()).flatMap(OnnxDataType::dtype);
    }

    private static OnnxTensorSource.Consumer consumer(Use use) {
        return new OnnxTensorSource.Consumer(use.node().name(), use.node().opType(), use.slot());
    }

    private static String describe(OnnxGraph.Node node) {
        return node.name().isEmpty() ? "(unnamed)" : node.name();
    }
}
