package org.jaynes.report.html;

import java.util.EnumMap;
import java.util.Map;
import org.jaynes.core.tensor.Role;

/**
 * The colour and marker of each {@link Role}, fixed so that a role looks the same in every report and
 * every model: attention projections in blues and purples, the MLP in oranges and reds, embeddings and
 * heads in browns and greys. Markers change with the colour so a greyscale print still tells roles apart.
 */
final class RolePalette {

    private static final Map<Role, PlotStyle> STYLES = new EnumMap<>(Role.class);

    static {
        put(Role.EMBEDDING, "#8c564b", Marker.SQUARE);
        put(Role.ATTENTION_QUERY, "#1f77b4", Marker.CIRCLE);
        put(Role.ATTENTION_KEY, "#17becf", Marker.TRIANGLE);
        put(Role.ATTENTION_VALUE, "#9467bd", Marker.DIAMOND);
        put(Role.ATTENTION_OUTPUT, "#393b79", Marker.SQUARE);
        put(Role.MLP_UP, "#ff7f0e", Marker.TRIANGLE);
        put(Role.MLP_GATE, "#bcbd22", Marker.DIAMOND);
        put(Role.MLP_DOWN, "#d62728", Marker.CIRCLE);
        put(Role.DENSE, "#2ca02c", Marker.CIRCLE);
        put(Role.CONVOLUTION, "#e377c2", Marker.SQUARE);
        put(Role.OUTPUT_HEAD, "#000000", Marker.DIAMOND);
        put(Role.NORMALIZATION, "#7f7f7f", Marker.TRIANGLE);
        put(Role.BIAS, "#c49c94", Marker.CIRCLE);
        put(Role.OTHER, "#7f7f7f", Marker.SQUARE);
    }

    private RolePalette() {
    }

    private static void put(Role role, String colour, Marker marker) {
        STYLES.put(role, PlotStyle.points(colour, marker));
    }

    /** The style of a role's points. */
    static PlotStyle of(Role role) {
        return STYLES.get(role);
    }
}
