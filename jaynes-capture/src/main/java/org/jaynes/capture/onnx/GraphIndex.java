package org.jaynes.capture.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who produces and who consumes each tensor of a graph, and which tensors are constants: the lookups
 * the pattern matchers need. Built once per graph; immutable.
 */
final class GraphIndex {

    /** Ops that pass a weight on unchanged in value: layout, type and dequantization steps. */
    private static final Set<String> WEIGHT_STEPS =
            Set.of("Transpose", "Reshape", "Cast", "DequantizeLinear", "Identity", "Unsqueeze");

    private final GraphProto graph;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Map<String, TensorProto> constants = new HashMap<>();

    GraphIndex(GraphProto graph) {
        this.graph = graph;
        for (TensorProto initializer : graph.getInitializerList()) {
            initializers.put(initializer.getName(), initializer);
            constants.put(initializer.getName(), initializer);
        }
        for (NodeProto node : graph.getNodeList()) {
            for (String output : node.getOutputList()) {
                producers.put(output, node);
            }
            for (String input : node.getInputList()) {
                consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
            }
            if (node.getOpType().equals("Constant") && node.getOutputCount() == 1) {
                constantValue(node).ifPresent(t -> constants.put(node.getOutput(0), t));
            }
        }
    }

    private static Optional<TensorProto> constantValue(NodeProto node) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals("value") && attribute.hasT()) {
                return Optional.of(attribute.getT());
            }
            if (attribute.getName().equals("value_float")) {
                return Optional.of(TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .addFloatData(attribute.getF()).build());
            }
        }
        return Optional.empty();
    }

    GraphProto graph() {
        return graph;
    }

    List<NodeProto> nodes() {
        return graph.getNodeList();
    }

    /** The node writing {@code tensor}, or empty for inputs, initializers and unknown names. */
    Optional<NodeProto> producer(String tensor) {
        return Optional.ofNullable(producers.get(tensor));
    }

    /** The nodes reading {@code tensor}, in graph order. */
    List<NodeProto> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /** Whether {@code tensor} is an initializer or the output of a Constant node. */
    boolean isConstant(String tensor) {
        return constants.containsKey(tensor);
    }

    /** The initializer called {@code tensor}, if there is one. */
    Optional<TensorProto> initializer(String tensor) {
        return Optional.ofNullable(initializers.get(tensor));
    }

    /**
     * Whether {@code tensor} holds weights rather than activations: a constant, or a constant passed
     * through a layout or type change (Transpose, Reshape, Cast, DequantizeLinear...).
     */
    boolean isWeight(String tensor) {
        String current = tensor;
        for (int depth = 0; depth < 4; depth++) {
            if (isConstant(current)) {
                return true;
            }
            Optional<NodeProto> node = producer(current);
            if (node.isEmpty() || node.get().getInputCount() == 0 || !WEIGHT_STEPS.contains(node.get().getOpType())) {
                return false;
            }
            current = node.get().getInput(0);
        }
        return false;
    }

    /** The value of a one-element float or double constant, if {@code tensor} is one. */
    Optional<Double> scalar(String tensor) {
        TensorProto t = constants.get(tensor);
        if (t == null || t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return Optional.empty();
        }
        long count = 1;
        for (long d : t.getDimsList()) {
            count *= d;
        }
        if (count != 1) {
            return Optional.empty();
        }
        if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
            if (t.getFloatDataCount() == 1) {
                return Optional.of((double) t.getFloatData(0));
            }
            if (t.getRawData().size() == Float.BYTES) {
                return Optional.of((double) t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat());
            }
        } else if (t.getDataType() == TensorProto.DataType.DOUBLE_VALUE) {
            if (t.getDoubleDataCount() == 1) {
                return Optional.of(t.getDoubleData(0));
            }
            if (t.getRawData().size() == Double.BYTES) {
                return Optional.of(t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getDouble());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code tensor} is a scalar constant equal to {@code expected} to a relative 1e-4. */
    boolean isScalar(String tensor, double expected) {
        return scalar(tensor).filter(v -> Math.abs(v - expected) <= 1e-4 * Math.abs(expected)).isPresent();
    }

    /**
     * The other operand of a two-input node that reads {@code operand}, or empty when the node has not
     * two inputs or does not read it.
     */
    static Optional<String> otherOperand(NodeProto node, String operand) {
        if (node.getInputCount() != 2) {
            return Optional.empty();
        }
        if (node.getInput(0).equals(operand)) {
            return Optional.of(node.getInput(1));
        }
        return node.getInput(1).equals(operand) ? Optional.of(node.getInput(0)) : Optional.empty();
    }
}
