package org.jaynes.formats.shards;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.json.Json;

/**
 * The {@code weight_map} of a sharded model's index, as Hugging Face writes it for safetensors
 * ({@code model.safetensors.index.json}) and PyTorch ({@code pytorch_model.bin.index.json}): which shard
 * file holds each tensor. Other fields ({@code metadata}) are skipped. The file is streamed; only the
 * mappings are kept, each shard name once.
 *
 * <p>Bounded by the heap, not by the file: every mapping is charged its estimated heap cost
 * ({@value #ENTRY_OVERHEAD} bytes plus two a character of its tensor name, and as much again for each new
 * shard name) against a budget of a quarter of the maximum heap (the shards' tensors need the rest), and an
 * index over it is refused in one line at the entry that crosses it. An index of 95 MB with two million
 * entries thus fails cleanly under {@code -Xmx256m} (after about 300,000 entries), while the largest real
 * indexes (about 10^5 tensors) fit. A tensor named twice is refused.
 *
 * @param file     the index file
 * @param mappings every tensor-to-shard entry, in index order
 */
public record ShardIndex(Path file, List<Mapping> mappings) {

    static final String NOT_JSON = "index is not valid JSON: %s";
    static final String NOT_OBJECT = "index is not a JSON object";
    static final String NO_WEIGHT_MAP = "index has no \"weight_map\"";
    static final String WEIGHT_MAP_TYPE = "\"weight_map\" is a JSON %s, expected an object";
    static final String SHARD_TYPE = "weight_map entry %s is a JSON %s, expected a shard file name";
    static final String DUPLICATE_TENSOR = "weight_map names tensor %s twice";
    static final String OVER_BUDGET = "weight_map is too large for the heap: after %d entries it passes its budget "
            + "of %d bytes (a quarter of the %d MB heap; JAYNES_JAVA_OPTS=-Xmx... raises it)";

    /** Estimated heap bytes of one mapping besides its name's characters: the record, list and set slots. */
    static final int ENTRY_OVERHEAD = 160;

    /**
     * One tensor's entry in the weight map.
     *
     * @param tensor the tensor name
     * @param shard  the shard file name, relative to the index's folder
     * @param at     the byte offset of the shard name in the index file
     */
    public record Mapping(String tensor, String shard, long at) {
    }

    public ShardIndex {
        mappings = List.copyOf(mappings);
    }

    /** Reads the weight map of an index file within the heap's budget. */
    public static ShardIndex read(Path file) throws IOException, ModelFormatException {
        return read(file, Runtime.getRuntime().maxMemory() / 4);
    }

    /** Reads the weight map of an index file, its mappings costing at most {@code budget} bytes of heap. */
    static ShardIndex read(Path file, long budget) throws IOException, ModelFormatException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = Json.FACTORY.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ModelFormatException.at(file, at(parser), NOT_OBJECT);
            }
            List<Mapping> mappings = null;
            ModelFormatException wrongType = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean first = mappings == null && wrongType == null;
                if (field.equals("weight_map") && first && value == JsonToken.START_OBJECT) {
                    mappings = weightMap(file, parser, budget);
                } else {
                    if (field.equals("weight_map") && first) {
                        // reported once the whole file is known to be JSON: a syntax error says more
                        wrongType = ModelFormatException.at(file, at(parser), WEIGHT_MAP_TYPE, Json.kind(value));
                    }
                    parser.skipChildren();
                }
            }
            if (wrongType != null) {
                throw wrongType;
            }
            if (mappings == null) {
                throw ModelFormatException.at(file, ModelFormatException.NO_OFFSET, NO_WEIGHT_MAP);
            }
            return new ShardIndex(file, mappings);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset());
            throw ModelFormatException.at(file, offset, NOT_JSON, MessageText.reason(Json.describe(e)));
        } catch (CharConversionException e) {
            throw ModelFormatException.at(file, 0, NOT_JSON, MessageText.reason(String.valueOf(e.getMessage())));
        }
    }

    private static List<Mapping> weightMap(Path file, JsonParser parser, long budget)
            throws IOException, ModelFormatException {
        List<Mapping> mappings = new ArrayList<>();
        Set<String> tensors = new HashSet<>();
        Map<String, String> shards = new HashMap<>();
        long left = budget;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String tensor = parser.currentName();
            long keyAt = at(parser);
            left -= ENTRY_OVERHEAD + 2L * tensor.length();
            if (left < 0) {
                throw ModelFormatException.at(file, keyAt, OVER_BUDGET, mappings.size(), budget,
                        Runtime.getRuntime().maxMemory() >> 20);
            }
            JsonToken value = parser.nextToken();
            if (value != JsonToken.VALUE_STRING) {
                throw ModelFormatException.at(file, at(parser), SHARD_TYPE, tensor, Json.kind(value));
            }
            if (!tensors.add(tensor)) {
                throw ModelFormatException.at(file, keyAt, DUPLICATE_TENSOR, tensor);
            }
            String shard = shards.get(parser.getText());
            if (shard == null) {
                shard = parser.getText();
                shards.put(shard, shard);
                left -= ENTRY_OVERHEAD + 2L * shard.length();
            }
            mappings.add(new Mapping(tensor, shard, at(parser)));
        }
        return mappings;
    }

    private static long at(JsonParser parser) {
        return Math.max(0, parser.currentTokenLocation().getByteOffset());
    }
}
