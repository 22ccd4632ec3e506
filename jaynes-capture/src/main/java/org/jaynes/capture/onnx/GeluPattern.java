package org.jaynes.capture.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds GELU written out with Erf, as exporters emit it for {@code x·0.5·(1 + erf(x/√2))}.
 *
 * <p>The pattern starts at an Erf whose input is {@code x/√2} (a Div by √2 or a Mul by 1/√2, either
 * operand order) and whose output goes into an Add with 1. The three factors x, 0.5 and that sum are
 * then multiplied by two Muls in any grouping: {@code (x·a)·0.5} (PyTorch), {@code (x·0.5)·a}, or
 * {@code x·(0.5·a)}, each Mul with its operands either way round. The site is the last Mul, whose
 * output is the GELU; the Erf's own output is no activation. Constants must equal 0.5, 1, √2 or 1/√2 to
 * a relative 1e-4; anything else is not GELU.
 */
final class GeluPattern {

    private static final double SQRT2 = Math.sqrt(2.0);

    /**
     * A matched GELU.
     *
     * @param site  the last Mul, whose output is the GELU
     * @param input the tensor x the GELU is applied to
     */
    record Match(NodeProto site, String input) {
    }

    private final GraphIndex graph;

    GeluPattern(GraphIndex graph) {
        this.graph = graph;
    }

    /** The GELU an Erf node belongs to, if it belongs to one. */
    Optional<Match> match(NodeProto erf) {
        if (!erf.getOpType().equals("Erf") || erf.getInputCount() != 1 || erf.getOutputCount() != 1) {
            return Optional.empty();
        }
        Optional<String> x = graph.producer(erf.getInput(0)).flatMap(this::scaledInput);
        if (x.isEmpty()) {
            return Optional.empty();
        }
        for (NodeProto add : graph.consumers(erf.getOutput(0))) {
            boolean plusOne = add.getOpType().equals("Add")
                    && GraphIndex.otherOperand(add, erf.getOutput(0)).filter(c -> graph.isScalar(c, 1.0)).isPresent();
            if (plusOne) {
                Optional<NodeProto> site = product(add.getOutput(0), x.get());
                if (site.isPresent()) {
                    return Optional.of(new Match(site.get(), x.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The x of a node computing x/√2 or x·(1/√2). */
    private Optional<String> scaledInput(NodeProto node) {
        if (node.getInputCount() != 2) {
            return Optional.empty();
        }
        if (node.getOpType().equals("Div")) {
            return graph.isScalar(node.getInput(1), SQRT2) ? Optional.of(node.getInput(0)) : Optional.empty();
        }
        if (node.getOpType().equals("Mul")) {
            if (graph.isScalar(node.getInput(1), 1 / SQRT2)) {
                return Optional.of(node.getInput(0));
            }
            if (graph.isScalar(node.getInput(0), 1 / SQRT2)) {
                return Optional.of(node.getInput(1));
            }
        }
        return Optional.empty();
    }

    /** The last of the two Muls forming x·0.5·{@code sum}, in whichever grouping the graph uses. */
    private Optional<NodeProto> product(String sum, String x) {
        for (NodeProto first : graph.consumers(sum)) {
            if (!first.getOpType().equals("Mul")) {
                continue;
            }
            String other = GraphIndex.otherOperand(first, sum).orElse("");
            Optional<NodeProto> last = Optional.empty();
            if (other.equals(x)) {
                last = nextMul(first, c -> graph.isScalar(c, 0.5));       // (x·a)·0.5
            } else if (graph.isScalar(other, 0.5)) {
                last = nextMul(first, x::equals);                          // x·(0.5·a)
            } else if (isHalfOf(other, x)) {
                last = Optional.of(first);                                 // (x·0.5)·a
            }
            if (last.isPresent()) {
                return last;
            }
        }
        return Optional.empty();
    }

    private Optional<NodeProto> nextMul(NodeProto mul, Predicate<String> otherFactor) {
        String product = mul.getOutput(0);
        return graph.consumers(product).stream()
                .filter(next -> next.getOpType().equals("Mul"))
                .filter(next -> GraphIndex.otherOperand(next, product).filter(otherFactor).isPresent())
                .findFirst();
    }

    /** Whether {@code tensor} is x·0.5. */
    private boolean isHalfOf(String tensor, String x) {
        return graph.producer(tensor)
                .filter(node -> node.getOpType().equals("Mul"))
                .flatMap(node -> GraphIndex.otherOperand(node, x))
                .filter(c -> graph.isScalar(c, 0.5))
                .isPresent();
    }
}
