package org.jaynes.capture.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jaynes.formats.naming.LayerNames;

/**
 * Gives each capture site a readable, stable, unique name: its module path and its kind's label.
 *
 * <p>The path comes from the first of:
 * <ol>
 *   <li>the site node's name when it is a module path, as PyTorch's exporter writes it
 *       ({@code /encoder/layer.0/intermediate/intermediate_act_fn/Mul_1}): the segments without the
 *       last (the op) and without trailing segments that only name the activation or the attention
 *       block ({@code intermediate_act_fn}, {@code act}, {@code activation}, {@code self}, {@code gelu}),
 *       joined with dots: {@code encoder.layer.0.intermediate};</li>
 *   <li>the layer feeding the activation: the MatMul, Gemm or Conv found by walking back from the
 *       activation's input through at most {@value #MAX_STEPS} bias or scale steps, named as the ONNX
 *       reader names weights ({@link LayerNames}: the weight's stored name without {@code .weight} or
 *       {@code _quantized}, or, for an anonymous weight such as {@code onnx::MatMul_7}, the MatMul node's
 *       path): {@code fc1};</li>
 *   <li>the site node's module path with the activation's segments kept ({@code /act/Relu} is
 *       {@code act}), else the node's name as stored with dots for slashes, else its op type in lower
 *       case.</li>
 * </ol>
 * A name already given gets {@code .1}, {@code .2}... in graph order.
 */
final class SiteNames {

    static final int MAX_STEPS = 3;

    private static final Pattern PLUMBING = Pattern.compile(
            "self|act|act_fn|activation|activation_fn|.*_act|.*_act_fn|relu|gelu|tanh|sigmoid|softmax");
    private static final Set<String> LAYERS = Set.of("MatMul", "Gemm", "Conv");
    private static final Set<String> BIAS_OR_SCALE = Set.of("Add", "Sub", "Mul", "Div");

    private final GraphIndex graph;
    private final Set<String> taken = new HashSet<>();

    SiteNames(GraphIndex graph) {
        this.graph = graph;
    }

    /** The name of a site; never one given before by this instance. */
    String name(NodeProto site, String activationInput, SiteKind kind) {
        String path = modulePath(site.getName(), true);
        if (path.isEmpty()) {
            path = feedingLayer(activationInput).orElse("");
        }
        if (path.isEmpty()) {
            path = modulePath(site.getName(), false);
        }
        if (path.isEmpty()) {
            String stored = String.join(".", LayerNames.segments(site.getName()));
            path = stored.isEmpty() ? site.getOpType().toLowerCase(Locale.ROOT) : stored;
        }
        return LayerNames.unique(path + "." + kind.label(), taken);
    }

    /**
     * {@code /encoder/layer.0/attention/self/Softmax} → {@code encoder.layer.0.attention}, or
     * {@code encoder.layer.0.attention.self} when {@code withoutPlumbing} is false.
     */
    static String modulePath(String nodeName, boolean withoutPlumbing) {
        if (!nodeName.startsWith("/")) {
            return "";
        }
        List<String> segments = LayerNames.segments(nodeName);
        if (!segments.isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        while (withoutPlumbing && !segments.isEmpty() && PLUMBING.matcher(segments.get(segments.size() - 1)).matches()) {
            segments.remove(segments.size() - 1);
        }
        return String.join(".", segments);
    }

    private Optional<String> feedingLayer(String tensor) {
        String current = tensor;
        for (int step = 0; step <= MAX_STEPS; step++) {
            NodeProto node = graph.producer(current).orElse(null);
            if (node == null) {
                return Optional.empty();
            }
            if (LAYERS.contains(node.getOpType()) && node.getInputCount() >= 2 && graph.isWeight(node.getInput(1))) {
                return Optional.of(weightName(node.getInput(1), node));
            }
            if (!BIAS_OR_SCALE.contains(node.getOpType()) || node.getInputCount() != 2) {
                return Optional.empty();
            }
            // follow the operand that is not the bias or scale
            current = graph.isWeight(node.getInput(0)) ? node.getInput(1) : node.getInput(0);
        }
        return Optional.empty();
    }

    /** The weight's layer exactly as the ONNX reader names it, so that activations pair with their weights. */
    private static String weightName(String stored, NodeProto layer) {
        return LayerNames.isAnonymous(stored) ? LayerNames.nodePath(layer.getName()) : LayerNames.ofStored(stored);
    }
}
