package org.jaynes.formats.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.json.Json;

/**
 * The {@code weight_map} of a sharded model's index file ({@code model.safetensors.index.json}): which
 * shard file holds each tensor. Other fields ({@code metadata}) are skipped. The file is streamed, so
 * its size does not bound anything but the list of mappings.
 *
 * @param file     the index file
 * @param mappings every tensor-to-shard entry, in index order
 */
record SafetensorsIndex(Path file, List<Mapping> mappings) {

    /** The file name a sharded model's index has. */
    static final String FILE_NAME = "model.safetensors.index.json";

    static final String NOT_JSON = "index is not valid JSON: %s";
    static final String NOT_OBJECT = "index is not a JSON object";
    static final String NO_WEIGHT_MAP = "index has no \"weight_map\"";
    static final String WEIGHT_MAP_TYPE = "\"weight_map\" is a JSON %s, expected an object";
    static final String SHARD_TYPE = "weight_map entry %s is a JSON %s, expected a shard file name";
    static final String DUPLICATE_TENSOR = "weight_map names tensor %s twice";

    /**
     * One tensor's entry in the weight map.
     *
     * @param tensor the tensor name
     * @param shard  the shard file name, relative to the index's folder
     * @param at     the byte offset of the shard name in the index file
     */
    record Mapping(String tensor, String shard, long at) {
    }

    SafetensorsIndex {
        mappings = List.copyOf(mappings);
    }

    /** Reads the weight map of an index file. */
    static SafetensorsIndex read(Path file) throws IOException, ModelFormatException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = Json.FACTORY.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ModelFormatException.at(file, at(parser), NOT_OBJECT);
            }
            List<Mapping> mappings = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("weight_map") && mappings == null) {
                    mappings = weightMap(file, parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (mappings == null) {
                throw ModelFormatException.at(file, ModelFormatException.NO_OFFSET, NO_WEIGHT_MAP);
            }
            return new SafetensorsIndex(file, mappings);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset());
            throw ModelFormatException.at(file, offset, NOT_JSON, MessageText.reason(Json.describe(e)));
        } catch (CharConversionException e) {
            throw ModelFormatException.at(file, 0, NOT_JSON, MessageText.reason(String.valueOf(e.getMessage())));
        }
    }

    private static List<Mapping> weightMap(Path file, JsonParser parser) throws IOException, ModelFormatException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw ModelFormatException.at(file, at(parser), WEIGHT_MAP_TYPE, Json.kind(parser.currentToken()));
        }
        List<Mapping> mappings = new ArrayList<>();
        Set<String> tensors = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String tensor = parser.currentName();
            long keyAt = at(parser);
            JsonToken value = parser.nextToken();
            if (value != JsonToken.VALUE_STRING) {
                throw ModelFormatException.at(file, at(parser), SHARD_TYPE, tensor, Json.kind(value));
            }
            if (!tensors.add(tensor)) {
                throw ModelFormatException.at(file, keyAt, DUPLICATE_TENSOR, tensor);
            }
            mappings.add(new Mapping(tensor, parser.getText(), at(parser)));
        }
        return mappings;
    }

    private static long at(JsonParser parser) {
        return Math.max(0, parser.currentTokenLocation().getByteOffset());
    }
}
