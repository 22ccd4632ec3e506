package org.jaynes.cli.output;

import static org.jaynes.report.json.JsonOutput.number;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.nn.layer.ConvBlock;
import org.jaynes.nn.train.TrainingOptions;
import org.jaynes.report.json.JsonOutput;

/**
 * What every JSON report of a command shares: one pretty-printed object that opens with the tool and its
 * version and ends with a newline, written with {@link JsonOutput} (so a value that is not finite is null),
 * and the fields several reports write alike.
 */
public final class Json {

    private Json() {
    }

    /** Writes the fields of a report after the tool's. */
    @FunctionalInterface
    public interface Fields {
        void write(JsonGenerator out) throws IOException;
    }

    /** Writes one report to {@code writer}, which stays open. */
    public static void report(Writer writer, Fields fields) throws IOException {
        object(writer, out -> {
            tool(out);
            fields.write(out);
        });
    }

    /** Writes one object of {@code fields} to {@code writer}, which stays open. */
    public static void object(Writer writer, Fields fields) throws IOException {
        try (JsonGenerator out = JsonOutput.open(writer)) {
            out.writeStartObject();
            fields.write(out);
            out.writeEndObject();
            out.writeRaw('\n');
        }
    }

    /** Writes the fields of one item's object. */
    @FunctionalInterface
    public interface ItemFields<T> {
        void write(T item, JsonGenerator out) throws IOException;
    }

    /** The array field {@code name}: one object per item, in order, of the fields {@code fields} writes. */
    public static <T> void objects(JsonGenerator out, String name, List<T> items, ItemFields<T> fields)
            throws IOException {
        out.writeArrayFieldStart(name);
        for (T item : items) {
            out.writeStartObject();
            fields.write(item, out);
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /** The object field {@code name} of the fields {@code fields} writes of {@code item}; null when it is empty. */
    public static <T> void optionalObject(JsonGenerator out, String name, Optional<T> item, ItemFields<T> fields)
            throws IOException {
        out.writeFieldName(name);
        if (item.isEmpty()) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        fields.write(item.get(), out);
        out.writeEndObject();
    }

    /** The network a training run trains, as its options state it: layers, conv blocks and activation. */
    public static void network(JsonGenerator out, TrainingOptions options) throws IOException {
        integers(out, "layers", options.widths());
        convBlocks(out, options.convBlocks());
        out.writeStringField("activation", options.activation().label());
    }

    /** The {@code tool} object: name and version. */
    public static void tool(JsonGenerator out) throws IOException {
        JsonOutput.tool(out, Version.current());
    }

    /** A game's (α, β) and binning convention, as fields of the current object. */
    public static void game(JsonGenerator out, GameParameters game) throws IOException {
        number(out, "alpha", game.alpha());
        number(out, "beta", game.beta());
        out.writeStringField("binConvention", game.convention().label());
    }

    /** A grid of strengths, as fields of the current object. */
    public static void bins(JsonGenerator out, Bins bins) throws IOException {
        out.writeNumberField("binCount", bins.size());
        out.writeStringField("spacing", bins.convention().description());
        number(out, "minStrength", bins.minStrength());
        number(out, "maxStrength", bins.maxStrength());
    }

    /** An array field of whole numbers. */
    public static void integers(JsonGenerator out, String name, int[] values) throws IOException {
        out.writeArrayFieldStart(name);
        for (int v : values) {
            out.writeNumber(v);
        }
        out.writeEndArray();
    }

    /**
     * A convolutional network's blocks, when it has any: {@code "conv"}, the channels of each block, and
     * {@code "convBlocks"}, each block's channels, kernel, stride and padding.
     */
    public static void convBlocks(JsonGenerator out, List<ConvBlock> blocks) throws IOException {
        if (blocks.isEmpty()) {
            return;
        }
        integers(out, "conv", blocks.stream().mapToInt(ConvBlock::channels).toArray());
        out.writeArrayFieldStart("convBlocks");
        for (ConvBlock b : blocks) {
            out.writeStartObject();
            out.writeNumberField("channels", b.channels());
            out.writeNumberField("kernel", b.kernel());
            out.writeNumberField("stride", b.stride());
            out.writeNumberField("padding", b.padding());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /** The {@code data} object of a training report: the data set's name and its split. */
    public static void data(JsonGenerator out, String name, int train, int test) throws IOException {
        out.writeObjectFieldStart("data");
        out.writeStringField("name", name);
        out.writeNumberField("train", train);
        out.writeNumberField("test", test);
        out.writeEndObject();
    }
}
