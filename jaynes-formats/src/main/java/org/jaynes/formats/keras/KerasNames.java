package org.jaynes.formats.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Gives every weight of a Keras file the name users know, {@code <layer>/<weight>} as Keras prints it
 * ({@code dense_1/kernel}), without TensorFlow's {@code :0}:
 * <ul>
 *   <li>Keras 3 ({@code .keras} archives and {@code .weights.h5}): variables are stored as
 *       {@code layers/<key>/vars/<i>}, where the key is the layer's class in snake case, numbered when
 *       repeated ({@code dense_1}), and the {@code vars} group's {@code name} attribute is the layer's own
 *       name. The weight is named after the layer's name and, for the layers whose variables are simple
 *       ({@link #VARIABLES}), the variable's name: {@code logits/kernel}. Other layers (custom ones,
 *       quantized or LoRA variants with extra variables, sublayers) keep {@code vars/<i>}: the sublayer
 *       {@code layers/multi_head_attention/_query_dense/vars/0}, whose name is {@code query}, is
 *       {@code multi_head_attention/query/vars/0}. {@code layers} steps of the path are dropped.</li>
 *   <li>Legacy HDF5 (Keras 2, tf.keras, Keras 3's {@code model.save("m.h5")}): a layer's weights are the
 *       datasets under its group (the one with a {@code weight_names} attribute), named by their path below
 *       it: {@code model_weights/dense_1/dense_1/kernel:0} is {@code dense_1/kernel}.</li>
 *   <li>Any other dataset is named by its path: {@code block1/conv/weights}.</li>
 * </ul>
 * A trailing {@code :<digits>} is dropped. Should two weights get the same name, both keep their stored
 * path instead.
 */
final class KerasNames {

    /**
     * The variables of the Keras 3 layers whose variables are simple, by class key, in the order the
     * layer stores them. The trailing ones may be absent ({@code use_bias=False}).
     */
    static final Map<String, List<String>> VARIABLES = variables();

    /** Layers that must hold exactly the listed variables to be named (center/scale flags change the list). */
    private static final List<String> EXACT = List.of("batch_normalization", "layer_normalization",
            "group_normalization");

    private static final Pattern NUMBERED = Pattern.compile("_\\d+$");
    private static final Pattern DEVICE_SUFFIX = Pattern.compile(":\\d+$");

    private KerasNames() {
    }

    private static Map<String, List<String>> variables() {
        Map<String, List<String>> table = new HashMap<>();
        List<String> kernelBias = List.of("kernel", "bias");
        for (String key : List.of("dense", "einsum_dense", "conv1d", "conv2d", "conv3d", "conv1d_transpose",
                "conv2d_transpose", "conv3d_transpose", "depthwise_conv1d", "depthwise_conv2d")) {
            table.put(key, kernelBias);
        }
        List<String> separable = List.of("depthwise_kernel", "pointwise_kernel", "bias");
        table.put("separable_conv1d", separable);
        table.put("separable_conv2d", separable);
        table.put("embedding", List.of("embeddings"));
        table.put("batch_normalization", List.of("gamma", "beta", "moving_mean", "moving_variance"));
        table.put("layer_normalization", List.of("gamma", "beta"));
        table.put("group_normalization", List.of("gamma", "beta"));
        return Map.copyOf(table);
    }

    /** The names of the datasets, in the same order; all different. */
    static List<String> assign(List<HdfWalk.Found> found) {
        List<String> names = new ArrayList<>(found.size());
        Map<String, Integer> uses = new HashMap<>();
        for (HdfWalk.Found f : found) {
            String name = base(f);
            names.add(name);
            uses.merge(name, 1, Integer::sum);
        }
        for (int i = 0; i < names.size(); i++) {
            if (uses.get(names.get(i)) > 1) {
                names.set(i, found.get(i).path());
            }
        }
        return names;
    }

    /** The name before clashes are resolved. */
    static String base(HdfWalk.Found found) {
        String path = found.path();
        String name;
        if (found.varsCount() > 0) {
            name = keras3(found);
        } else if (found.layerGroup().isPresent() && path.startsWith(found.layerGroup().get() + "/")) {
            name = path.substring(found.layerGroup().get().length() + 1);
        } else {
            name = path;
        }
        return DEVICE_SUFFIX.matcher(name).replaceFirst("");
    }

    /** {@code layers/dense_1/vars/0} with name attribute {@code logits} → {@code logits/kernel}. */
    private static String keras3(HdfWalk.Found found) {
        List<String> steps = new ArrayList<>(Arrays.asList(found.path().split("/")));
        String index = steps.remove(steps.size() - 1);
        steps.remove(steps.size() - 1); // "vars"
        String key = steps.isEmpty() ? "" : steps.get(steps.size() - 1);
        steps.removeIf("layers"::equals);
        if (found.varsOwner().isPresent()) {
            if (steps.isEmpty()) {
                steps.add(found.varsOwner().get());
            } else {
                steps.set(steps.size() - 1, found.varsOwner().get());
            }
        }
        String variable = variable(key, Integer.parseInt(index), found.varsCount());
        steps.add(variable);
        return String.join("/", steps);
    }

    /** The variable's name, or {@code vars/<i>} when the layer's variables are not simply known. */
    private static String variable(String key, int index, int count) {
        List<String> names = VARIABLES.get(NUMBERED.matcher(key).replaceFirst(""));
        if (names == null || count > names.size() || index >= count) {
            return "vars/" + index;
        }
        boolean exact = EXACT.contains(NUMBERED.matcher(key).replaceFirst(""));
        if (exact && count != names.size()) {
            return "vars/" + index;
        }
        return names.get(index);
    }
}
