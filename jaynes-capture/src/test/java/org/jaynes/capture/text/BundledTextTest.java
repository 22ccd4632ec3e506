package org.jaynes.capture.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundledTextTest {

    @Test
    void holdsAFewHundredDistinctSentences() {
        List<String> lines = BundledText.lines();
        assertTrue(lines.size() >= 300 && lines.size() <= 400, lines.size() + " sentences");
        assertEquals(lines.size(), new HashSet<>(lines).size(), "no sentence twice");
    }

    @Test
    void sentencesAreVaried() {
        List<String> lines = BundledText.lines();
        assertTrue(lines.stream().filter(s -> s.endsWith("?")).count() >= 20, "questions");
        assertTrue(lines.stream().filter(s -> s.chars().anyMatch(Character::isDigit)).count() >= 20, "numbers");
        assertTrue(lines.stream().filter(s -> s.chars().anyMatch(c -> c > 0x7F)).count() >= 10, "non-ASCII");
        assertTrue(lines.stream().filter(s -> s.split(" ").length <= 3).count() >= 10, "short");
        assertTrue(lines.stream().filter(s -> s.split(" ").length >= 30).count() >= 10, "long");
    }

    @Test
    void noSentenceIsCutByTheBundledModelsLength() throws Exception {
        WordPieceTokenizer tokenizer = GoldenEncodings.minilm().withoutPadding();
        for (String line : BundledText.lines()) {
            assertTrue(tokenizer.encode(line).length() < 128, line);
        }
    }
}
