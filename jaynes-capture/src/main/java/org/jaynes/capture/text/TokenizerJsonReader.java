package org.jaynes.capture.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jaynes.formats.ModelFormatException;

/**
 * Reads a HuggingFace {@code tokenizer.json} of the BERT family into a {@link WordPieceTokenizer}. Each
 * part the file declares is either read in full or refused with one line naming it (a BPE model, a
 * normaliser other than BERT's, added tokens that strip space, ...), so a tokenizer that is read
 * encodes as the reference does. The {@code decoder} is not needed to encode and is ignored. Stateless.
 */
final class TokenizerJsonReader {

    static final String UNSUPPORTED = "is \"%s\", which jaynes does not read (it reads %s)";
    static final String NOT_IN_VOCABULARY = "is \"%s\", which is not in model.vocab";

    private TokenizerJsonReader() {
    }

    static WordPieceTokenizer read(InputStream in, Path source) throws IOException, ModelFormatException {
        JsonNode root = JsonNode.read(in, source);
        WordPiece model = model(root.require("model"));
        return new WordPieceTokenizer(addedTokens(root.get("added_tokens")), normalizer(root.get("normalizer")),
                preTokenizer(root.get("pre_tokenizer")), model,
                postProcessor(root.get("post_processor"), model.vocabulary()),
                truncation(root.get("truncation")), padding(root.get("padding")));
    }

    private static WordPiece model(JsonNode model) throws ModelFormatException {
        String type = model.require("type").text();
        if (!type.equals("WordPiece")) {
            throw model.get("type").error(UNSUPPORTED, type, "WordPiece");
        }
        JsonNode vocab = model.require("vocab");
        Map<String, Integer> vocabulary = new HashMap<>(vocab.fields().size() * 2);
        for (Map.Entry<String, JsonNode> entry : vocab.entries()) {
            vocabulary.put(entry.getKey(), entry.getValue().integer(0));
        }
        JsonNode unknown = model.require("unk_token");
        Integer unknownId = vocabulary.get(unknown.text());
        if (unknownId == null) {
            throw unknown.error(NOT_IN_VOCABULARY, unknown.text());
        }
        return new WordPiece(Map.copyOf(vocabulary), unknown.text(), unknownId,
                model.require("continuing_subword_prefix").text(),
                model.require("max_input_chars_per_word").integer(1));
    }

    private static AddedTokens addedTokens(JsonNode added) throws ModelFormatException {
        List<String> contents = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        if (!added.isNull()) {
            for (JsonNode token : added.items()) {
                for (String flag : List.of("single_word", "lstrip", "rstrip", "normalized")) {
                    JsonNode value = token.get(flag);
                    if (!value.isNull() && value.bool()) {
                        throw value.error("is true; jaynes reads only added tokens matched as written (false)");
                    }
                }
                contents.add(token.require("content").text());
                ids.add(token.require("id").integer(0));
            }
        }
        return new AddedTokens(contents, ids);
    }

    private static BertNormalizer normalizer(JsonNode normalizer) throws ModelFormatException {
        if (normalizer.isNull()) {
            return BertNormalizer.NONE;
        }
        String type = normalizer.require("type").text();
        if (!type.equals("BertNormalizer")) {
            throw normalizer.get("type").error(UNSUPPORTED, type, "BertNormalizer");
        }
        boolean lowercase = normalizer.require("lowercase").bool();
        JsonNode strip = normalizer.get("strip_accents");
        return new BertNormalizer(normalizer.require("clean_text").bool(),
                normalizer.require("handle_chinese_chars").bool(),
                strip.isNull() ? lowercase : strip.bool(), // null: strip accents when lower-casing
                lowercase);
    }

    private static boolean preTokenizer(JsonNode preTokenizer) throws ModelFormatException {
        if (preTokenizer.isNull()) {
            return false;
        }
        String type = preTokenizer.require("type").text();
        if (!type.equals("BertPreTokenizer")) {
            throw preTokenizer.get("type").error(UNSUPPORTED, type, "BertPreTokenizer");
        }
        return true;
    }

    private static PostProcessor postProcessor(JsonNode processor, Map<String, Integer> vocabulary)
            throws ModelFormatException {
        if (processor.isNull()) {
            return PostProcessor.NONE;
        }
        String type = processor.require("type").text();
        return switch (type) {
            case "TemplateProcessing" -> template(processor);
            case "BertProcessing" -> new PostProcessor(List.of(
                    special(processor.require("cls"), vocabulary), new PostProcessor.Sequence(0),
                    special(processor.require("sep"), vocabulary)));
            default -> throw processor.get("type").error(UNSUPPORTED, type, "TemplateProcessing, BertProcessing");
        };
    }

    /** A {@code ["[CLS]", 101]} pair of BertProcessing. */
    private static PostProcessor.Special special(JsonNode pair, Map<String, Integer> vocabulary)
            throws ModelFormatException {
        List<JsonNode> items = pair.items();
        if (items.size() != 2) {
            throw pair.error("has %d items, expected 2 (token and id)", items.size());
        }
        String token = items.get(0).text();
        int id = items.get(1).integer(0);
        if (!vocabulary.containsKey(token)) {
            throw items.get(0).error(NOT_IN_VOCABULARY, token);
        }
        return new PostProcessor.Special(List.of(token), List.of(id), 0);
    }

    private static PostProcessor template(JsonNode processor) throws ModelFormatException {
        JsonNode specials = processor.require("special_tokens");
        List<PostProcessor.Item> items = new ArrayList<>();
        int sequences = 0;
        for (JsonNode item : processor.require("single").items()) {
            JsonNode sequence = item.get("Sequence");
            JsonNode special = item.get("SpecialToken");
            if (!sequence.isNull()) {
                String id = sequence.require("id").text();
                if (!id.equals("A")) {
                    throw sequence.get("id").error(UNSUPPORTED, id, "A, the one text");
                }
                items.add(new PostProcessor.Sequence(sequence.require("type_id").integer(0)));
                sequences++;
            } else if (!special.isNull()) {
                String name = special.require("id").text();
                JsonNode entry = specials.get(name);
                if (entry.isNull()) {
                    throw specials.error("has no \"%s\", named in %s", name, item.path());
                }
                List<String> tokens = new ArrayList<>();
                for (JsonNode token : entry.require("tokens").items()) {
                    tokens.add(token.text());
                }
                List<Integer> ids = new ArrayList<>();
                for (JsonNode id : entry.require("ids").items()) {
                    ids.add(id.integer(0));
                }
                if (tokens.size() != ids.size()) {
                    throw entry.error("has %d tokens and %d ids", tokens.size(), ids.size());
                }
                items.add(new PostProcessor.Special(tokens, ids, special.require("type_id").integer(0)));
            } else {
                throw item.error("is neither a \"Sequence\" nor a \"SpecialToken\"");
            }
        }
        if (sequences != 1) {
            throw processor.get("single").error("holds the text %d times, expected once", sequences);
        }
        return new PostProcessor(items);
    }

    private static Truncation truncation(JsonNode truncation) throws ModelFormatException {
        if (truncation.isNull()) {
            return new Truncation(Truncation.DEFAULT_MAX_LENGTH, false, false);
        }
        JsonNode strategy = truncation.get("strategy");
        if (!strategy.isNull() && !List.of("LongestFirst", "OnlyFirst").contains(strategy.text())) {
            throw strategy.error(UNSUPPORTED, strategy.text(), "LongestFirst, OnlyFirst");
        }
        return new Truncation(truncation.require("max_length").integer(1), atStart(truncation.get("direction")),
                true);
    }

    private static Padding padding(JsonNode padding) throws ModelFormatException {
        if (padding.isNull()) {
            return null;
        }
        JsonNode strategy = padding.require("strategy");
        int fixed = 0;
        if (strategy.value() instanceof String name) {
            if (!name.equals("BatchLongest")) {
                throw strategy.error(UNSUPPORTED, name, "BatchLongest, Fixed");
            }
        } else {
            fixed = strategy.require("Fixed").integer(1);
        }
        JsonNode multiple = padding.get("pad_to_multiple_of");
        return new Padding(fixed, multiple.isNull() ? 0 : multiple.integer(1), padding.require("pad_id").integer(0),
                padding.require("pad_type_id").integer(0), padding.require("pad_token").text(),
                atStart(padding.get("direction")));
    }

    /** {@code "Left"} (true) or {@code "Right"} (false, also when absent). */
    private static boolean atStart(JsonNode direction) throws ModelFormatException {
        if (direction.isNull()) {
            return false;
        }
        return switch (direction.text()) {
            case "Left" -> true;
            case "Right" -> false;
            default -> throw direction.error(UNSUPPORTED, direction.text(), "Left, Right");
        };
    }
}
