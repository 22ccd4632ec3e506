package org.jaynes.capture.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Tells attention probabilities from other softmaxes: a Softmax is attention when its input comes from
 * a MatMul of two activations (Q·Kᵀ), directly or through at most {@value #MAX_STEPS} elementwise steps
 * (a Div or Mul by the scale, an Add of the mask, a Where, a Cast). A classifier's Softmax comes from a
 * MatMul or Gemm with a weight, which is no attention.
 */
final class AttentionPattern {

    static final int MAX_STEPS = 4;

    private static final Set<String> PASS_THROUGH = Set.of("Add", "Sub", "Mul", "Div", "Where", "Cast");

    private final GraphIndex graph;

    AttentionPattern(GraphIndex graph) {
        this.graph = graph;
    }

    /** Whether {@code softmax} turns query-key scores into attention probabilities. */
    boolean isAttention(NodeProto softmax) {
        if (softmax.getInputCount() == 0) {
            return false;
        }
        record Step(String tensor, int depth) {
        }
        Deque<Step> pending = new ArrayDeque<>();
        pending.add(new Step(softmax.getInput(0), 0));
        while (!pending.isEmpty()) {
            Step step = pending.poll();
            NodeProto node = graph.producer(step.tensor()).orElse(null);
            if (node == null) {
                continue;
            }
            if (node.getOpType().equals("MatMul") && node.getInputCount() == 2) {
                if (!graph.isWeight(node.getInput(0)) && !graph.isWeight(node.getInput(1))) {
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
}
