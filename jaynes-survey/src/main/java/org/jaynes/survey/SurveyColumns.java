package org.jaynes.survey;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.jaynes.core.fit.Family;

/**
 * The columns of a survey's layer table: which model and step a row belongs to and where the layer sits
 * in it, then every number {@code analyze} reports for the layer, read from the model's JSON report
 * (its {@code layers} array) so that a table rebuilt from saved reports equals the one made while
 * analysing. The set is fixed, whatever the models: a field a report lacks is an empty value.
 */
public final class SurveyColumns {

    /** How a column's values are typed, for writers that keep types (CSV does not). */
    public enum Type { TEXT, INTEGER, REAL }

    /** One column: its name, its type, and where a layer's JSON holds its value (a JSON pointer). */
    public record Column(String name, Type type, String pointer) {
    }

    /** Where a row's layer sits: its model, its step, and its place among the model's layers. */
    public record Place(String model, OptionalLong step, String path, int index, int layers) {

        /** Layer i of n at i / (n − 1); a model of one layer has it at 0. */
        public double relativeDepth() {
            return layers <= 1 ? 0 : index / (double) (layers - 1);
        }
    }

    /** The columns a {@link Place} fills, before the layer's own. */
    public static final List<Column> PLACE = List.of(new Column("model", Type.TEXT, ""),
            new Column("step", Type.INTEGER, ""), new Column("path", Type.TEXT, ""),
            new Column("layer", Type.INTEGER, ""), new Column("layers", Type.INTEGER, ""),
            new Column("relativeDepth", Type.REAL, ""));

    /** The layer's columns, in report order. */
    public static final List<Column> LAYER = layerColumns();

    /** Every column, in order. */
    public static final List<Column> ALL = concat(PLACE, LAYER);

    /** The pointers of {@link #LAYER}, parsed once rather than at every value. */
    private static final List<JsonPointer> LAYER_POINTERS = LAYER.stream().map(c -> JsonPointer.compile(c.pointer()))
            .toList();

    private SurveyColumns() {
    }

    /** The place of the column {@code name} in {@link #ALL}. */
    public static int index(String name) {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    private static List<Column> layerColumns() {
        List<Column> columns = new ArrayList<>();
        for (String name : List.of("name", "tensor", "role", "shape", "dtype")) {
            columns.add(new Column(name, Type.TEXT, "/" + name));
        }
        for (String name : List.of("n", "zeros", "nonfinite")) {
            columns.add(new Column(name, Type.INTEGER, "/" + name));
        }
        for (String name : List.of("mean", "std", "mu", "sigma", "ks", "ksErrorBound", "normalizedMu", "r2", "alpha",
                "beta", "utilitySpread", "arbitrageGap")) {
            columns.add(new Column(name, Type.REAL, "/" + name));
        }
        columns.add(new Column("best", Type.TEXT, "/best"));
        columns.add(new Column("verdict", Type.TEXT, "/verdict"));
        for (Family family : Family.values()) {
            String fit = "/fits/" + family.key();
            for (String parameter : family.parameterNames()) {
                columns.add(new Column(family.key() + "_" + parameter, Type.REAL, fit + "/params/" + parameter));
            }
            for (String field : List.of("loglik", "aic", "bic", "ks", "ksErrorBound")) {
                columns.add(new Column(family.key() + "_" + field, Type.REAL, fit + "/" + field));
            }
        }
        for (Family family : Family.values()) {
            if (family != Family.LOGNORMAL && !family.isSigned()) {
                columns.add(new Column("vuong_" + family.key() + "_z", Type.REAL, "/vuong/" + family.key() + "/z"));
                columns.add(new Column("vuong_" + family.key() + "_p", Type.REAL, "/vuong/" + family.key() + "/p"));
            }
        }
        return List.copyOf(columns);
    }

    private static List<Column> concat(List<Column> first, List<Column> second) {
        List<Column> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    /** The values of one row as text: empty for a missing field or a value that is not finite. */
    public static List<String> textRow(Place place, JsonNode layer) {
        List<String> values = new ArrayList<>(ALL.size());
        values.add(place.model());
        values.add(place.step().isPresent() ? Long.toString(place.step().getAsLong()) : "");
        values.add(place.path());
        values.add(Integer.toString(place.index()));
        values.add(Integer.toString(place.layers()));
        values.add(number(place.relativeDepth()));
        for (int c = 0; c < LAYER.size(); c++) {
            values.add(text(layer.at(LAYER_POINTERS.get(c)), LAYER.get(c).type()));
        }
        return values;
    }

    private static String text(JsonNode value, Type type) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(part -> parts.add(part.asText()));
            return "[" + String.join(",", parts) + "]";
        }
        return switch (type) {
            case TEXT -> value.asText();
            case INTEGER -> value.canConvertToLong() ? Long.toString(value.asLong()) : "";
            case REAL -> value.isNumber() ? number(value.asDouble()) : "";
        };
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value).toLowerCase(Locale.ROOT) : "";
    }
}
