package org.jaynes.formats.pytorch;

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
 * The {@code weight_map} of a sharded checkpoint's index ({@code pytorch_model.bin.index.json}, as
 * Hugging Face transformers writes it): which shard file holds each tensor. Other fields are skipped.
 * The file is streamed; only the mappings are kept.
 *
 * @param file     the index file
 * @param mappings every tensor-to-shard entry, in index order
 */
record PytorchIndex(Path file, List<Mapping> mappings) {

    /** The file name transformers gives the index. */
    static final String FILE_NAME = "pytorch_model.bin.index.json";

    static final String NOT_JSON = "index is not valid JSON: %s";
    static final String NOT_OBJECT = "index is not a JSON object";
    static final String NO_WEIGHT_MAP = "index has no \"weight_map\" object";
    static final String SHARD_TYPE = "weight_map entry %s is not a shard file name";
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

    PytorchIndex {
        mappings = List.copyOf(mappings);
    }

    /** Reads the weight map of an index file. */
    static PytorchIndex read(Path file) throws IOException, ModelFormatException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = Json.FACTORY.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ModelFormatException.at(file, at(parser), NOT_OBJECT);
            }
            List<Mapping> mappings = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("weight_map") && mappings == null && value == JsonToken.START_OBJECT) {
                    mappings = weightMap(file, parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (mappings == null) {
                throw ModelFormatException.at(file, ModelFormatException.NO_OFFSET, NO_WEIGHT_MAP);
            }
            return new PytorchIndex(file, mappings);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset());
            String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
            throw ModelFormatException.at(file, offset, NOT_JSON, MessageText.reason(reason));
        } catch (CharConversionException e) {
            throw ModelFormatException.at(file, 0, NOT_JSON, MessageText.reason(String.valueOf(e.getMessage())));
        }
    }

    private static List<Mapping> weightMap(Path file, JsonParser parser) throws IOException, ModelFormatException {
        List<Mapping> mappings = new ArrayList<>();
        Set<String> tensors = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String tensor = parser.currentName();
            long keyAt = at(parser);
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw ModelFormatException.at(file, at(parser), SHARD_TYPE, tensor);
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
