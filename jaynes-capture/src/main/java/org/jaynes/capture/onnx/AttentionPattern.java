package org.jaynes.capture.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Tells attention probabilities from other softmaxes. A Softmax is attention when its input comes from a
 * product of two activations (Q·Kᵀ, a MatMul or an Einsum), directly or through at most {@value #MAX_STEPS}
 * elementwise steps (a Div or Mul by the scale, an Add of the mask, a Where, a Cast); or when its output
 * feeds an Einsum with another activation (the probabilities weighting V, however the scores were made). A
 * classifier's Softmax comes from a MatMul or Gemm with a weight and feeds no such product, which is no
 * attention.
 */
final class AttentionPattern {

    static final int MAX_STEPS = 4;

    private static final Set<String> PASS_THROUGH = Set.of("Add", "Sub", "Mul", "Div", "Where", "Cast");
    /** Products of two tensors: Q·Kᵀ is one of these with two activations. */
    private static final Set<String> PRODUCTS = Set.of("MatMul", "Einsum");

    private final GraphIndex graph;

    AttentionPattern(GraphIndex graph) {
        this.graph = graph;
    }

    /** Whether {@code softmax} turns query-key scores into attention probabilities. */
    boolean isAttention(NodeProto softmax) {
        if (softmax.getInputCount() == 0) {
            return false;
        }
        return comesFromProduct(softmax.getInput(0)) || feedsEinsum(softmax.getOutput(0));
    }

    private boolean comesFromProduct(String scores) {
        record Step(String tensor, int depth) {
        }
        Deque<Step> pending = new ArrayDeque<>();
        pending.add(new Step(scores, 0));
        while (!pending.isEmpty()) {
            Step step = pending.poll();
            NodeProto node = graph.producer(step.tensor()).orElse(null);
            if (node == null) {
                continue;
            }
            if (PRODUCTS.contains(node.getOpType())) {
                if (ofTwoActivations(node)) {
                    return true;
                }
            } else if (PASS_THROUGH.contains(node.getOpType()) && step.depth() < MAX_STEPS) {
                for (String input : node.getInputList()) {
                    if (!graph.isWeight(input)) {
                        pending.add(new Step(input, step.depth() + 1));
                    }
                }
            }
        }
        return false;
    }

    private boolean feedsEinsum(String probabilities) {
        for (NodeProto consumer : graph.consumers(probabilities)) {
            if (consumer.getOpType().equals("Einsum") && ofTwoActivations(consumer)) {
                return true;
            }
        }
        return false;
    }

    private boolean ofTwoActivations(NodeProto product) {
        return product.getInputCount() == 2 && !graph.isWeight(product.getInput(0))
                && !graph.isWeight(product.getInput(1));
    }
}
