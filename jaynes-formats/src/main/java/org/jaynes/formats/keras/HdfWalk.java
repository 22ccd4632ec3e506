package org.jaynes.formats.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jaynes.formats.ModelFormatException;

/**
 * Finds the datasets of an HDF5 file that hold a Keras model's weights, with what their names are made
 * of ({@link KerasNames}), in creation order (the order of their object headers in the file, which is
 * the order Keras saved the layers in).
 *
 * <p>Scope: a full-model legacy file ({@code model.save("m.h5")}) keeps the weights under
 * {@code model_weights/}, and only that group is read; otherwise the whole file is, except the
 * optimizer's state ({@code optimizer_weights/} of legacy files, {@code optimizer/} next to Keras 3's
 * {@code layers/}): training state, not the network. Soft and external links are not followed (an
 * external link could name any file); an object reached twice through hard links is listed once.
 * Groups nested deeper than {@value #MAX_DEPTH} levels are taken for a malicious file.
 */
final class HdfWalk {

    static final int MAX_DEPTH = 64;
    static final String TOO_DEEP = "groups nested more than %d levels deep at %s";

    static final String MODEL_WEIGHTS = "model_weights";
    private static final String LEGACY_OPTIMIZER = "optimizer_weights";
    private static final String OPTIMIZER = "optimizer";
    private static final String LAYERS = "layers";
    private static final String WEIGHT_NAMES = "weight_names";
    private static final String VARS = "vars";
    private static final String NAME = "name";
    private static final String LAYER_NAMES = "layer_names";

    /**
     * A dataset found, with its naming context.
     *
     * @param path        its path from the file's root, without the leading slash
     * @param dataset     the dataset
     * @param layerGroup  the path of the nearest enclosing group with a {@code weight_names} attribute
     *                    (a legacy Keras layer group), if any
     * @param varsOwner   for a Keras 3 variable ({@code .../vars/<i>}): the layer's name, from the
     *                    {@code vars} group's {@code name} attribute, if it has one
     * @param varsCount   for a Keras 3 variable: how many numbered variables its {@code vars} group holds
     */
    record Found(String path, Dataset dataset, Optional<String> layerGroup, Optional<String> varsOwner,
                 int varsCount) {
    }

    /** Where a dataset sorts: by layer and weight where a legacy file lists them, then by address. */
    private record Placed(Found found, int layerRank, int weightRank, long address) {
    }

    /** What a group's descendants inherit: the legacy layer group they are in, and its rank and weights. */
    private record Layer(Optional<String> path, int rank, List<String> weightNames) {
        static final Layer NONE = new Layer(Optional.empty(), UNLISTED, List.of());
    }

    private static final int UNLISTED = Integer.MAX_VALUE;

    private final HdfLocation location;
    private final List<Placed> found = new ArrayList<>();
    private final Set<Long> seen = new HashSet<>();

    private HdfWalk(HdfLocation location) {
        this.location = location;
    }

    /**
     * Every dataset holding weights, in the order Keras saved them: a legacy file's layers in the order of
     * its {@code layer_names} attribute (the model's order; the groups themselves are sorted by name) and
     * each layer's weights in the order of its {@code weight_names}; everything else in creation order
     * (the order of the object headers in the file), which is Keras 3's save order.
     */
    static List<Found> datasets(HdfFile hdf, HdfLocation location) throws ModelFormatException {
        HdfWalk walk = new HdfWalk(location);
        Map<String, Node> top = hdf.getChildren();
        if (top.get(MODEL_WEIGHTS) instanceof Group weights && !weights.isLink()) {
            walk.group(weights, MODEL_WEIGHTS + "/", Layer.NONE, List.of(), 1);
        } else {
            Set<String> skipped = new HashSet<>(Set.of(LEGACY_OPTIMIZER));
            if (top.get(LAYERS) instanceof Group) {
                skipped.add(OPTIMIZER);
            }
            walk.children(hdf, "", Layer.NONE, strings(hdf, LAYER_NAMES), 0, skipped);
        }
        walk.found.sort(Comparator.comparingInt(Placed::layerRank).thenComparingInt(Placed::weightRank)
                .thenComparingLong(Placed::address));
        return walk.found.stream().map(Placed::found).collect(Collectors.toList());
    }

    private void group(Group group, String prefix, Layer layer, List<String> layerNames, int depth)
            throws ModelFormatException {
        if (depth > MAX_DEPTH) {
            throw location.error(ModelFormatException.NO_OFFSET, TOO_DEEP, MAX_DEPTH, prefix);
        }
        if (!seen.add(group.getAddress())) {
            return;
        }
        Layer inherited = layer;
        if (group.getAttributes().containsKey(WEIGHT_NAMES)) {
            int rank = layerNames.indexOf(group.getName());
            inherited = new Layer(Optional.of(prefix.substring(0, prefix.length() - 1)), rank < 0 ? UNLISTED : rank,
                    strings(group, WEIGHT_NAMES));
        }
        children(group, prefix, inherited, strings(group, LAYER_NAMES), depth, Set.of());
    }

    private void children(Group group, String prefix, Layer layer, List<String> layerNames, int depth,
                          Set<String> skipped) throws ModelFormatException {
        boolean isVars = prefix.endsWith("/" + VARS + "/") || prefix.equals(VARS + "/");
        Optional<String> owner = isVars ? nameAttribute(group) : Optional.empty();
        int varsCount = isVars ? numberedDatasets(group) : 0;
        for (Map.Entry<String, Node> child : group.getChildren().entrySet()) {
            Node node = child.getValue();
            if (node.isLink() || skipped.contains(child.getKey())) {
                continue;
            }
            String path = prefix + child.getKey();
            if (node instanceof Group subgroup) {
                group(subgroup, path + "/", layer, layerNames, depth + 1);
            } else if (node instanceof Dataset dataset && seen.add(dataset.getAddress())) {
                boolean variable = isVars && isNumber(child.getKey());
                Found f = new Found(path, dataset, layer.path(), variable ? owner : Optional.empty(),
                        variable ? varsCount : 0);
                found.add(new Placed(f, layer.rank(), weightRank(layer, path), dataset.getAddress()));
            }
        }
    }

    /** The dataset's place in its layer's {@code weight_names}, which name it relative to the layer group. */
    private static int weightRank(Layer layer, String path) {
        if (layer.path().isEmpty() || !path.startsWith(layer.path().get() + "/")) {
            return UNLISTED;
        }
        int rank = layer.weightNames().indexOf(path.substring(layer.path().get().length() + 1));
        return rank < 0 ? UNLISTED : rank;
    }

    /** A string array attribute ({@code layer_names}, {@code weight_names}), or an empty list. */
    private static List<String> strings(Node node, String attribute) {
        Attribute value = node.getAttributes().get(attribute);
        if (value == null) {
            return List.of();
        }
        Object data = value.getData();
        return data instanceof String[] texts ? List.of(texts) : List.of();
    }

    private static Optional<String> nameAttribute(Group group) {
        Attribute name = group.getAttributes().get(NAME);
        if (name == null || !name.isScalar()) {
            return Optional.empty();
        }
        Object value = name.getData();
        return value instanceof String text && !text.isEmpty() ? Optional.of(text) : Optional.empty();
    }

    private static int numberedDatasets(Group group) {
        int count = 0;
        for (Map.Entry<String, Node> child : group.getChildren().entrySet()) {
            if (child.getValue() instanceof Dataset && !child.getValue().isLink() && isNumber(child.getKey())) {
                count++;
            }
        }
        return count;
    }

    private static boolean isNumber(String name) {
        return !name.isEmpty() && name.length() < 10 && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
