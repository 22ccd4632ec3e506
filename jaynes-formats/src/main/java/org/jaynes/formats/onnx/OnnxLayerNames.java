package org.jaynes.formats.onnx;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jaynes.formats.naming.LayerNames;

/**
 * Gives every tensor of an ONNX model a unique layer name that users recognise, with the naming rules of
 * {@link LayerNames} (shared with the capture of neuron outputs).
 *
 * <p>Exporters often leave weights anonymous ({@code onnx::MatMul_885}) while the node using them
 * carries the module path ({@code /encoder/layer.0/attention/self/query/MatMul}). So:
 * <ol>
 *   <li>an <em>anonymous</em> tensor (name empty or starting with {@code onnx::}, {@code /},
 *       {@code const_fold_opt__} or {@code ortshared_}) is named after its first consumer's path without
 *       the last segment (the op), joined with dots: {@code encoder.layer.0.attention.self.query};</li>
 *   <li>any other tensor, or an anonymous one whose consumer has no path, keeps its stored name,
 *       without the {@code _quantized} onnxruntime's quantizer appends, without a trailing {@code .weight}
 *       and with a {@code /}-path turned into dots ({@code embeddings.word_embeddings.weight} and
 *       {@code embeddings.word_embeddings.weight_quantized} become {@code embeddings.word_embeddings});</li>
 *   <li>a name already given gets the consumer's input slot as ONNX names it ({@code pooler.dense.C} for a
 *       Gemm's bias), and if that is taken too, {@code .1}, {@code .2}... Initializers choose before
 *       Constant values, each in file order, so a constant never pushes a weight to a suffix.</li>
 * </ol>
 */
final class OnnxLayerNames {


    /** The name suffix of a quantized weight's integers. */
    static final String QUANTIZED_LAYER = ".quantized";

    /** Input slot names from the ONNX operator specifications: the ops that hold weights or constants. */
    private static final Map<String, List<String>> SLOTS = Map.ofEntries(
            Map.entry("MatMul", List.of("A", "B")),
            Map.entry("Gemm", List.of("A", "B", "C")),
            Map.entry("Conv", List.of("X", "W", "B")),
            Map.entry("ConvTranspose", List.of("X", "W", "B")),
            Map.entry("Add", List.of("A", "B")),
            Map.entry("Sub", List.of("A", "B")),
            Map.entry("Mul", List.of("A", "B")),
            Map.entry("Div", List.of("A", "B")),
            Map.entry("Pow", List.of("X", "Y")),
            Map.entry("Gather", List.of("data", "indices")),
            Map.entry("LayerNormalization", List.of("X", "Scale", "B")),
            Map.entry("BatchNormalization", List.of("X", "scale", "B", "input_mean", "input_var")),
            Map.entry("InstanceNormalization", List.of("input", "scale", "B")),
            Map.entry("LSTM", List.of("X", "W", "R", "B", "sequence_lens", "initial_h", "initial_c", "P")),
            Map.entry("GRU", List.of("X", "W", "R", "B", "sequence_lens", "initial_h")),
            Map.entry("RNN", List.of("X", "W", "R", "B", "sequence_lens", "initial_h")),
            Map.entry("PRelu", List.of("X", "slope")),
            Map.entry("MatMulInteger", List.of("A", "B", "a_zero_point", "b_zero_point")),
            Map.entry("ConvInteger", List.of("x", "w", "x_zero_point", "w_zero_point")),
            Map.entry("QuantizeLinear", List.of("x", "y_scale", "y_zero_point")),
            Map.entry("DequantizeLinear", List.of("x", "x_scale", "x_zero_point")),
            Map.entry("Reshape", List.of("data", "shape")),
            Map.entry("Unsqueeze", List.of("data", "axes")),
            Map.entry("Squeeze", List.of("data", "axes")),
            Map.entry("Slice", List.of("data", "starts", "ends", "axes", "steps")),
            Map.entry("Expand", List.of("input", "shape")),
            Map.entry("Pad", List.of("data", "pads", "constant_value", "axes")),
            Map.entry("Resize", List.of("X", "roi", "scales", "sizes")),
            Map.entry("Clip", List.of("input", "min", "max")),
            Map.entry("Where", List.of("condition", "X", "Y")));

    private OnnxLayerNames() {
    }

    /** The layer names of the tensors, in the same order; all different. */
    static List<String> assign(List<OnnxTensorSource> sources) {
        return assign(sources, Map.of());
    }

    /**
     * The layer names of the tensors of a model with quantized weights, in the same order; all different.
     * The quantized weights choose first (so that a weight, not its scale, is {@code ...attention.self.query});
     * then each one's integers are renamed {@code <layer>.quantized} (its dequantized values take the
     * layer's name), and its scale and zero point {@code <layer>.scale} and {@code <layer>.zero_point}
     * (unless another weight named them first, or the name is taken).
     */
    static List<String> assign(List<OnnxTensorSource> sources, Map<String, QuantizedWeight> quantized) {
        String[] names = new String[sources.size()];
        Set<String> taken = new HashSet<>();
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < names.length; i++) {
                OnnxTensorSource source = sources.get(i);
                boolean weight = isQuantized(source, quantized);
                int order = weight ? 0 : source.constant() ? 2 : 1;
                if (order == pass) {
                    // a quantized weight is named after the node using its values, not the one dequantizing it
                    names[i] = unique(weight ? new OnnxTensorSource(source.tensor(), source.constant(),
                            Optional.of(quantized.get(source.tensor().name()).layer())) : source, taken);
                }
            }
        }
        Map<OnnxTensorProto, String> renamed = new IdentityHashMap<>();
        for (int i = 0; i < names.length; i++) {
            OnnxTensorSource source = sources.get(i);
            if (isQuantized(source, quantized)) {
                QuantizedWeight weight = quantized.get(source.tensor().name());
                String layer = names[i];
                renamed.put(source.tensor(), LayerNames.unique(layer + QUANTIZED_LAYER, taken));
                rename(renamed, weight.scale(), layer + ".scale", taken);
                weight.zeroPoint().ifPresent(z -> rename(renamed, z, layer + ".zero_point", taken));
            }
        }
        for (int i = 0; i < names.length; i++) {
            names[i] = renamed.getOrDefault(sources.get(i).tensor(), names[i]);
        }
        return List.of(names);
    }

    private static boolean isQuantized(OnnxTensorSource source, Map<String, QuantizedWeight> quantized) {
        QuantizedWeight weight = quantized.get(source.tensor().name());
        return weight != null && weight.quantized() == source.tensor();
    }

    private static void rename(Map<OnnxTensorProto, String> renamed, OnnxTensorProto tensor, String name,
                               Set<String> taken) {
        if (!renamed.containsKey(tensor) && taken.add(name)) {
            renamed.put(tensor, name);
        }
    }

    /** The name before making it unique. */
    static String base(OnnxTensorSource source) {
        String stored = source.tensor().name();
        if (LayerNames.isAnonymous(stored)) {
            String path = source.consumer().map(consumer -> LayerNames.nodePath(consumer.nodeName())).orElse("");
            if (!path.isEmpty()) {
                return path;
            }
        }
        String name = LayerNames.ofStored(stored);
        return name.isEmpty() ? "unnamed" : name;
    }

    private static String unique(OnnxTensorSource source, Set<String> taken) {
        String name = base(source);
        if (taken.contains(name) && source.consumer().isPresent()) {
            name = name + "." + slotName(source.consumer().get());
        }
        return LayerNames.unique(name, taken);
    }

    private static String slotName(OnnxTensorSource.Consumer consumer) {
        List<String> slots = SLOTS.getOrDefault(consumer.opType(), List.of());
        return consumer.slot() < slots.size() ? slots.get(consumer.slot()) : "input" + consumer.slot();
    }
}
