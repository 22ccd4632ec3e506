package org.jaynes.capture.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jaynes.capture.text.Encoding;
import org.jaynes.core.Checks;
import org.jaynes.formats.ModelFormatException;

/**
 * Batches of tokenized texts for a BERT-family model: {@code input_ids}, {@code attention_mask} and
 * {@code token_type_ids}, each [batch, length] of int64, fed to whichever of them the model declares.
 *
 * <p>Texts are grouped by token count and a batch holds texts of one length only, so no position is
 * padding: every captured output belongs to a real token, and the populations do not depend on how the
 * texts were batched. Batches come shortest texts first; within a length, in file order.
 */
public final class TokenBatches {

    /** The inputs a text model may declare, and nothing else. */
    static final List<String> TEXT_INPUTS = List.of("input_ids", "attention_mask", "token_type_ids");

    private TokenBatches() {
    }

    /**
     * The batches of {@code encodings}, at most {@code batchSize} texts each.
     *
     * @throws ModelFormatException when the model declares an input that is not one of {@link #TEXT_INPUTS}
     *                              or does not take int64
     */
    public static List<Map<String, FeedTensor>> of(List<Encoding> encodings, List<ModelInput> inputs, int batchSize,
                                                   Path model) throws ModelFormatException {
        Checks.atLeast("batch size", batchSize, 1);
        for (ModelInput input : inputs) {
            if (!TEXT_INPUTS.contains(input.name()) || input.type() != ElementType.INT64) {
                throw new ModelFormatException(model, ModelFormatException.NO_OFFSET, "input '" + input.name() + "' ("
                        + input.type().label() + ") is not a token input (" + String.join(", ", TEXT_INPUTS)
                        + " as int64); give --inputs FILE.npy or --random-inputs instead of text");
            }
        }
        Map<Integer, List<Encoding>> byLength = new TreeMap<>();
        for (Encoding encoding : encodings) {
            byLength.computeIfAbsent(encoding.length(), n -> new ArrayList<>()).add(encoding);
        }
        List<Map<String, FeedTensor>> batches = new ArrayList<>();
        for (Map.Entry<Integer, List<Encoding>> group : byLength.entrySet()) {
            List<Encoding> same = group.getValue();
            for (int from = 0; from < same.size(); from += batchSize) {
                batches.add(batch(same.subList(from, Math.min(same.size(), from + batchSize)), group.getKey(), inputs));
            }
        }
        return batches;
    }

    private static Map<String, FeedTensor> batch(List<Encoding> texts, int length, List<ModelInput> inputs) {
        long[] shape = {texts.size(), length};
        Map<String, FeedTensor> feeds = new LinkedHashMap<>();
        for (ModelInput input : inputs) {
            long[] data = new long[texts.size() * length];
            for (int t = 0; t < texts.size(); t++) {
                Encoding e = texts.get(t);
                int[] source = switch (input.name()) {
                    case "input_ids" -> e.ids();
                    case "attention_mask" -> e.attentionMask();
                    default -> e.typeIds();
                };
                for (int i = 0; i < length; i++) {
                    data[t * length + i] = source[i];
                }
            }
            feeds.put(input.name(), new FeedTensor.Int64(shape, data));
        }
        return feeds;
    }
}
