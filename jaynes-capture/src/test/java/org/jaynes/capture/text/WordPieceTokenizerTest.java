package org.jaynes.capture.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ids, type ids and masks equal those of HuggingFace tokenizers on the bundled MiniLM tokenizer. */
class WordPieceTokenizerTest {

    private static WordPieceTokenizer minilm;
    private static List<String> testSentences;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException, ModelFormatException, URISyntaxException {
        minilm = GoldenEncodings.minilm();
        URL sentences = WordPieceTokenizerTest.class.getResource("tokenizer-sentences.txt");
        testSentences = TextLines.read(Path.of(sentences.toURI()));
    }

    @Test
    void hardSentencesGiveTheReferenceEncodingWithTheFileSettings() throws IOException {
        assertEncodings(GoldenEncodings.read("golden-test.tsv"), minilm, testSentences);
    }

    @Test
    void maxLengthParameterCutsAsTheReferenceDoes() throws IOException {
        WordPieceTokenizer short16 = minilm.withMaxLength(16).withoutPadding();
        assertEncodings(GoldenEncodings.read("golden-test-16.tsv"), short16, testSentences);
    }

    @Test
    void bundledSentencesGiveTheReferenceEncoding() throws IOException {
        assertEncodings(GoldenEncodings.read("golden-bundled.tsv"), minilm.withoutPadding(), BundledText.lines());
    }

    private static void assertEncodings(List<Encoding> expected, WordPieceTokenizer tokenizer, List<String> texts) {
        assertEquals(expected.size(), texts.size(), "one golden line per text");
        for (int i = 0; i < texts.size(); i++) {
            Encoding want = expected.get(i);
            Encoding got = tokenizer.encode(texts.get(i));
            String where = "text " + (i + 1) + ": " + texts.get(i);
            assertEquals(want.tokens(), got.tokens(), where);
            assertArrayEquals(want.ids(), got.ids(), where);
            assertArrayEquals(want.typeIds(), got.typeIds(), where);
            assertArrayEquals(want.attentionMask(), got.attentionMask(), where);
        }
    }

    @Test
    void theBundledFileDeclaresTruncationAt128AndPadsTo128() {
        assertEquals(new Truncation(128, false, true), minilm.truncation());
        Encoding padded = minilm.encode("Hello, world!");
        assertEquals(128, padded.length());
        assertEquals(6, padded.tokenCount());
        assertEquals(30522, minilm.vocabularySize());
    }

    @Test
    void withoutPaddingKeepsOnlyTheTokens() {
        Encoding encoding = minilm.withoutPadding().encode("Hello, world!");
        assertEquals(List.of("[CLS]", "hello", ",", "world", "!", "[SEP]"), encoding.tokens());
        assertArrayEquals(new int[] {101, 7592, 1010, 2088, 999, 102}, encoding.ids());
    }

    @Test
    void aFileWithoutTruncationCutsAt128AndSaysSo() throws IOException, ModelFormatException {
        WordPieceTokenizer tokenizer = tokenizer(TINY);
        assertEquals(new Truncation(Truncation.DEFAULT_MAX_LENGTH, false, false), tokenizer.truncation());
        Encoding encoding = tokenizer.encode("ab ".repeat(300));
        assertEquals(128, encoding.length());
        assertEquals("[SEP]", encoding.tokens().get(127));
    }

    @Test
    void tinyTokenizerSplitsWordsIntoPiecesAndUnknowns() throws IOException, ModelFormatException {
        Encoding encoding = tokenizer(TINY).encode("abc, ab abd [MASK] xyz");
        assertEquals(List.of("[CLS]", "ab", "##c", ",", "ab", "[UNK]", "[MASK]", "[UNK]", "[SEP]"), encoding.tokens());
        assertArrayEquals(new int[] {1, 5, 6, 7, 5, 0, 3, 0, 2}, encoding.ids());
    }

    @Test
    void truncationFromTheStartKeepsTheLastTokens() throws IOException, ModelFormatException {
        String json = TINY.replace("\"truncation\": null", "\"truncation\": {\"direction\": \"Left\","
                + " \"max_length\": 4, \"strategy\": \"LongestFirst\", \"stride\": 0}");
        Encoding encoding = tokenizer(json).encode("ab , abc");
        assertEquals(List.of("[CLS]", "ab", "##c", "[SEP]"), encoding.tokens());
    }

    @Test
    void paddingAtTheStartToAMultipleMasksThePadding() throws IOException, ModelFormatException {
        String json = TINY.replace("\"padding\": null", "\"padding\": {\"strategy\": \"BatchLongest\","
                + " \"direction\": \"Left\", \"pad_to_multiple_of\": 8, \"pad_id\": 9, \"pad_type_id\": 2,"
                + " \"pad_token\": \"[PAD]\"}");
        Encoding encoding = tokenizer(json).encode("ab");
        assertEquals(List.of("[PAD]", "[PAD]", "[PAD]", "[PAD]", "[PAD]", "[CLS]", "ab", "[SEP]"), encoding.tokens());
        assertArrayEquals(new int[] {9, 9, 9, 9, 9, 1, 5, 2}, encoding.ids());
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 0, 0, 0}, encoding.typeIds());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1}, encoding.attentionMask());
        assertEquals(3, encoding.tokenCount());
    }

    @Test
    void templateGivesEachItemItsTypeId() throws IOException, ModelFormatException {
        String template = "{\"type\": \"TemplateProcessing\", \"single\": ["
                + "{\"SpecialToken\": {\"id\": \"[CLS]\", \"type_id\": 0}},"
                + " {\"Sequence\": {\"id\": \"A\", \"type_id\": 1}},"
                + " {\"SpecialToken\": {\"id\": \"pair\", \"type_id\": 1}}], \"pair\": [],"
                + " \"special_tokens\": {\"[CLS]\": {\"id\": \"[CLS]\", \"ids\": [1], \"tokens\": [\"[CLS]\"]},"
                + " \"pair\": {\"id\": \"pair\", \"ids\": [2, 3], \"tokens\": [\"[SEP]\", \"[MASK]\"]}}}";
        String json = TINY.replaceFirst("\"post_processor\": \\{[^}]*\\}", "\"post_processor\": " + template);
        Encoding encoding = tokenizer(json).encode("a , ab");
        assertEquals(List.of("[CLS]", "a", ",", "ab", "[SEP]", "[MASK]"), encoding.tokens());
        assertArrayEquals(new int[] {0, 1, 1, 1, 1, 1}, encoding.typeIds());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tokenizer(json).withMaxLength(3));
        assertEquals("maximum length 3 leaves no room for text beside the 3 special tokens", e.getMessage());
    }

    @Test
    void maxLengthMustLeaveRoomForText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> minilm.withMaxLength(2));
        assertEquals("maximum length 2 leaves no room for text beside the 2 special tokens", e.getMessage());
    }

    /** A change to the tiny file (what, by what) and the reason given for refusing it. */
    static Stream<Arguments> refusedFiles() {
        return Stream.of(
                arguments("\"type\": \"WordPiece\", \"unk", "\"type\": \"BPE\", \"unk",
                        "model.type is \"BPE\", which jaynes does not read (it reads WordPiece)"),
                arguments("\"normalizer\": null", "\"normalizer\": {\"type\": \"NFKC\"}",
                        "normalizer.type is \"NFKC\", which jaynes does not read (it reads BertNormalizer)"),
                arguments("\"pre_tokenizer\": {\"type\": \"BertPreTokenizer\"}",
                        "\"pre_tokenizer\": {\"type\": \"Whitespace\"}",
                        "pre_tokenizer.type is \"Whitespace\", which jaynes does not read (it reads BertPreTokenizer)"),
                arguments("\"type\": \"BertProcessing\"", "\"type\": \"RobertaProcessing\"",
                        "post_processor.type is \"RobertaProcessing\", which jaynes does not read"
                                + " (it reads TemplateProcessing, BertProcessing)"),
                arguments("\"lstrip\": false", "\"lstrip\": true",
                        "added_tokens[0].lstrip is true; jaynes reads only added tokens matched as written (false)"),
                arguments("\"unk_token\": \"[UNK]\"", "\"unk_token\": \"<unk>\"",
                        "model.unk_token is \"<unk>\", which is not in model.vocab"),
                arguments("\"max_input_chars_per_word\": 100", "\"max_input_chars_per_word\": \"100\"",
                        "model.max_input_chars_per_word is a JSON string, expected integer"),
                arguments("\"vocab\": {\"[UNK]\": 0", "\"vocab\": {\"[UNK]\": -1",
                        "model.vocab.[UNK] is -1, expected an integer from 0 to 2147483647"),
                arguments("\"truncation\": null", "\"truncation\": {\"max_length\": 8, \"strategy\": \"OnlySecond\"}",
                        "truncation.strategy is \"OnlySecond\", which jaynes does not read"
                                + " (it reads LongestFirst, OnlyFirst)"));
    }

    @ParameterizedTest
    @MethodSource("refusedFiles")
    void refusedFileIsOneLine(String original, String replacement, String reason) {
        assertRefused(TINY.replace(original, replacement), "tiny.json: " + reason);
    }

    @Test
    void missingModelIsOneLine() {
        assertRefused("{\"version\": \"1.0\"}", "tiny.json: the document has no \"model\"");
    }

    @Test
    void brokenJsonNamesTheByte() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> tokenizer("{\"model\": [1, 2"));
        assertTrue(e.getMessage().startsWith("tiny.json: at byte 15: not valid JSON: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void emptyFileIsOneLine() throws IOException {
        Path file = Files.createFile(dir.resolve("tokenizer.json"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> WordPieceTokenizer.read(file));
        assertEquals(file + ": at byte 0: not valid JSON: the file is empty", e.getMessage());
    }

    @Test
    void missingFileIsOneLine() {
        Path file = dir.resolve("absent.json");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> WordPieceTokenizer.read(file));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void readsFromAFile() throws IOException, ModelFormatException {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), TINY);
        assertEquals(8, WordPieceTokenizer.read(file).vocabularySize());
    }

    private static void assertRefused(String json, String message) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> tokenizer(json));
        assertEquals(message, e.getMessage());
    }

    private static WordPieceTokenizer tokenizer(String json) throws IOException, ModelFormatException {
        return WordPieceTokenizer.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "tiny.json");
    }

    /** A tokenizer.json as HuggingFace writes it, with a vocabulary of eight tokens. */
    private static final String TINY = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
              {"id": 3, "content": "[MASK]", "single_word": false, "lstrip": false, "rstrip": false,
               "normalized": false, "special": true}],
             "normalizer": null,
             "pre_tokenizer": {"type": "BertPreTokenizer"},
             "post_processor": {"type": "BertProcessing", "sep": ["[SEP]", 2], "cls": ["[CLS]", 1]},
             "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
             "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
               "max_input_chars_per_word": 100,
               "vocab": {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "[MASK]": 3, "a": 4, "ab": 5, "##c": 6, ",": 7}}}
            """;
}
