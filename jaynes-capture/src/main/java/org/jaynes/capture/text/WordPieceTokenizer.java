package org.jaynes.capture.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaynes.formats.ModelFormatException;

/**
 * Turns text into the inputs of a BERT-family model, reading the HuggingFace {@code tokenizer.json}
 * that comes with it and giving the same ids as HuggingFace {@code tokenizers}:
 *
 * <pre>{@code
 * WordPieceTokenizer tokenizer = WordPieceTokenizer.read(Path.of("tokenizer.json"));
 * Encoding encoding = tokenizer.encode("The weights are lognormal.");
 * // encoding.ids(): [CLS] the weights are log ##normal . [SEP], then padding if the file asks for it
 * }</pre>
 *
 * <p>A text is encoded step by step: added tokens written in the text ({@code [MASK]}) are taken as they
 * are; the rest is normalised ({@link BertNormalizer}), split into words ({@link BertPreTokenizer}) and
 * words into pieces ({@link WordPiece}); the pieces are cut to the maximum length less the special
 * tokens ({@link Truncation}); the template adds {@code [CLS]} and {@code [SEP]} with their type ids
 * ({@link PostProcessor}); padding fills up to the length the file declares. When the file declares no
 * truncation, texts are cut at {@value Truncation#DEFAULT_MAX_LENGTH} ids all the same (the reference
 * would not cut them) so that no text is longer than a model's position table;
 * {@link #withMaxLength(int)} sets another length.
 *
 * <p>Immutable and thread-safe; the vocabulary (about 30,000 entries for BERT) is the only large part.
 */
public final class WordPieceTokenizer {

    private final AddedTokens addedTokens;
    private final BertNormalizer normalizer;
    private final boolean splitWords;
    private final WordPiece model;
    private final PostProcessor postProcessor;
    private final Truncation truncation;
    private final Padding padding;

    WordPieceTokenizer(AddedTokens addedTokens, BertNormalizer normalizer, boolean splitWords, WordPiece model,
            PostProcessor postProcessor, Truncation truncation, Padding padding) {
        if (truncation.maxLength() <= postProcessor.addedTokens()) {
            throw new IllegalArgumentException("maximum length " + truncation.maxLength()
                    + " leaves no room for text beside the " + postProcessor.addedTokens() + " special tokens");
        }
        this.addedTokens = addedTokens;
        this.normalizer = normalizer;
        this.splitWords = splitWords;
        this.model = model;
        this.postProcessor = postProcessor;
        this.truncation = truncation;
        this.padding = padding;
    }

    /** Reads a {@code tokenizer.json} file. */
    public static WordPieceTokenizer read(Path file) throws IOException, ModelFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return TokenizerJsonReader.read(in, file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, ModelFormatException.NO_OFFSET, "no such file");
        }
    }

    /**
     * Reads a {@code tokenizer.json} from a stream (a resource inside a jar), which is not closed.
     *
     * @param sourceName the name used in messages, such as the resource's name
     */
    public static WordPieceTokenizer read(InputStream in, String sourceName) throws IOException, ModelFormatException {
        return TokenizerJsonReader.read(in, Path.of(sourceName));
    }

    /** A copy that cuts encodings at {@code maxLength} ids, special tokens included. */
    public WordPieceTokenizer withMaxLength(int maxLength) {
        return new WordPieceTokenizer(addedTokens, normalizer, splitWords, model, postProcessor,
                new Truncation(maxLength, truncation.fromStart(), true), padding);
    }

    /** A copy that never pads: each encoding is as long as its text needs ({@code BatchLongest}). */
    public WordPieceTokenizer withoutPadding() {
        return new WordPieceTokenizer(addedTokens, normalizer, splitWords, model, postProcessor, truncation, null);
    }

    /** Where texts are cut, and whether the file declared it. */
    public Truncation truncation() {
        return truncation;
    }

    /** The number of ids in the vocabulary. */
    public int vocabularySize() {
        return model.vocabulary().size();
    }

    /** The ids, type ids and attention mask of one text. */
    public Encoding encode(String text) {
        Pieces pieces = new Pieces();
        addedTokens.split(text, new AddedTokens.Parts() {
            @Override
            public void text(String part) {
                String normalized = normalizer.normalize(part);
                if (splitWords) {
                    BertPreTokenizer.split(normalized, word -> model.tokenize(word, pieces::add));
                } else if (!normalized.isEmpty()) {
                    model.tokenize(normalized, pieces::add);
                }
            }

            @Override
            public void token(String content, int id) {
                pieces.add(content, id);
            }
        });
        int keep = truncation.keep(pieces.size, postProcessor.addedTokens());
        int first = truncation.fromStart() ? pieces.size - keep : 0;
        return pad(template(pieces, first, keep));
    }

    private Pieces template(Pieces text, int first, int count) {
        Pieces out = new Pieces();
        for (PostProcessor.Item item : postProcessor.items()) {
            if (item instanceof PostProcessor.Special special) {
                for (int i = 0; i < special.ids().size(); i++) {
                    out.add(special.tokens().get(i), special.ids().get(i), special.typeId());
                }
            } else if (item instanceof PostProcessor.Sequence sequence) {
                for (int i = first; i < first + count; i++) {
                    out.add(text.tokens.get(i), text.ids[i], sequence.typeId());
                }
            }
        }
        return out;
    }

    private Encoding pad(Pieces pieces) {
        int length = padding == null ? pieces.size : padding.paddedLength(pieces.size);
        int[] ids = new int[length];
        int[] typeIds = new int[length];
        int[] mask = new int[length];
        List<String> tokens = new ArrayList<>(length);
        int offset = padding != null && padding.atStart() ? length - pieces.size : 0;
        if (length > pieces.size) {
            int from = offset == 0 ? pieces.size : 0;
            Arrays.fill(ids, from, from + length - pieces.size, padding.padId());
            Arrays.fill(typeIds, from, from + length - pieces.size, padding.padTypeId());
        }
        System.arraycopy(pieces.ids, 0, ids, offset, pieces.size);
        System.arraycopy(pieces.typeIds, 0, typeIds, offset, pieces.size);
        Arrays.fill(mask, offset, offset + pieces.size, 1);
        for (int i = 0; i < length; i++) {
            int piece = i - offset;
            tokens.add(piece >= 0 && piece < pieces.size ? pieces.tokens.get(piece) : padding.padToken());
        }
        return new Encoding(ids, typeIds, mask, tokens);
    }

    /** A growing list of tokens with their ids and type ids. */
    private static final class Pieces {

        final List<String> tokens = new ArrayList<>();
        int[] ids = new int[32];
        int[] typeIds = new int[32];
        int size;

        void add(String token, int id) {
            add(token, id, 0);
        }

        void add(String token, int id, int typeId) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                typeIds = Arrays.copyOf(typeIds, size * 2);
            }
            tokens.add(token);
            ids[size] = id;
            typeIds[size++] = typeId;
        }
    }
}
