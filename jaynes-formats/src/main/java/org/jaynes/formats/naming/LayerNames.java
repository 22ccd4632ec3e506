package org.jaynes.formats.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How jaynes names a layer after the tensors and graph nodes of a file: the one place for every reader
 * (safetensors, PyTorch, GGUF, ONNX) and for the capture of neuron outputs, which pairs each activation
 * with the weights feeding it by these names and so must name a weight exactly as the readers do.
 *
 * <ul>
 *   <li>A weight is its layer: {@code fc1.weight} is the layer {@code fc1} ({@link #withoutWeightSuffix}).
 *   <li>ONNX exporters often leave a weight anonymous ({@code onnx::MatMul_885}, a {@code /}-path,
 *       {@code const_fold_opt__…}, {@code ortshared_…}; {@link #isAnonymous}); the node using it carries
 *       the module path, {@code /encoder/layer.0/attention/self/query/MatMul}, whose segments without the
 *       last (the op) name the layer: {@code encoder.layer.0.attention.self.query} ({@link #nodePath}).
 *   <li>A named ONNX weight is its stored name with a {@code /}-path turned into dots, without the
 *       {@code _quantized} onnxruntime's quantizer appends and without {@code .weight} ({@link #ofStored}).
 * </ul>
 * A name that is nothing but a suffix keeps it, so that no layer is named by the empty string. Stateless.
 */
public final class LayerNames {

    private static final String WEIGHT_SUFFIX = ".weight";
    private static final String QUANTIZED_SUFFIX = "_quantized";
    private static final List<String> ANONYMOUS_PREFIXES = List.of("onnx::", "/", "const_fold_opt__", "ortshared_");

    private LayerNames() {
    }

    /** {@code fc1.weight} → {@code fc1}; other names as they are. */
    public static String withoutWeightSuffix(String stored) {
        return withoutSuffix(stored, WEIGHT_SUFFIX);
    }

    /**
     * The layer a named (not anonymous) ONNX tensor stands for: {@code embeddings.word_embeddings.weight} and
     * {@code embeddings.word_embeddings.weight_quantized} are {@code embeddings.word_embeddings}; a name
     * starting with {@code /} has its segments joined with dots.
     */
    public static String ofStored(String stored) {
        String name = stored.startsWith("/") ? String.join(".", segments(stored)) : stored;
        return withoutWeightSuffix(withoutSuffix(name, QUANTIZED_SUFFIX));
    }

    /** Whether an ONNX tensor's stored name says nothing about its layer. */
    public static boolean isAnonymous(String stored) {
        return stored.isEmpty() || ANONYMOUS_PREFIXES.stream().anyMatch(stored::startsWith);
    }

    /** {@code /encoder/layer.0/attention/self/query/MatMul} → {@code encoder.layer.0.attention.self.query}. */
    public static String nodePath(String nodeName) {
        List<String> segments = segments(nodeName);
        return segments.isEmpty() ? "" : String.join(".", segments.subList(0, segments.size() - 1));
    }

    /**
     * {@code name}, or the first of {@code name.1}, {@code name.2}... not yet in {@code taken}; the name
     * returned is added to it.
     */
    public static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 1; !taken.add(candidate); n++) {
            candidate = name + "." + n;
        }
        return candidate;
    }

    /** The non-empty segments of a {@code /}-separated path. */
    public static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static String withoutSuffix(String name, String suffix) {
        return name.endsWith(suffix) && name.length() > suffix.length()
                ? name.substring(0, name.length() - suffix.length())
                : name;
    }
}
