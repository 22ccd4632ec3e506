package org.jaynes.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sanitiser of names in messages: control characters escaped, length capped, nothing split. */
class MessageTextTest {

    @Test
    void plainNamesAreShownAsTheyAre() {
        assertEquals("model.layers.0.mlp.up_proj.weight", MessageText.name("model.layers.0.mlp.up_proj.weight"));
        assertEquals("C:\\x.bin", MessageText.name("C:\\x.bin"), "backslashes are shown, not doubled");
        assertEquals("poids_ü_权重_😀", MessageText.name("poids_ü_权重_😀"), "printable non-ASCII stays");
        assertEquals("null", MessageText.name(null));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("a\\nb\\rc\\td", MessageText.name("a\nb\rc\td"));
        assertEquals("\\x1b[31mred\\x1b[0m", MessageText.name("\u001b[31mred\u001b[0m"));
        assertEquals("\\x00\\x07\\x7f\\x9b", MessageText.name("\u0000\u0007\u007f\u009b"), "C0, DEL and C1 (CSI)");
    }

    @Test
    void invisibleAndBrokenCharactersAreEscaped() {
        assertEquals("abc\\u202edcba", MessageText.name("abc\u202edcba"), "a right-to-left override");
        assertEquals("a\\u2028b\\u2029c", MessageText.name("a\u2028b\u2029c"), "line and paragraph separators");
        assertEquals("a\\u200db", MessageText.name("a\u200db"), "a zero-width joiner");
        assertEquals("x\\ud800y", MessageText.name("x\ud800y"), "an unpaired surrogate");
        assertEquals("\\U000e0041", MessageText.name(new String(Character.toChars(0xE0041))), "a tag character");
    }

    @Test
    void longNamesAreCutWithTheirFullLength() {
        String shown = MessageText.name("w".repeat(1 << 20));
        assertEquals("w".repeat(MessageText.NAME_LIMIT) + "... (1048576 characters)", shown);
        assertEquals("w".repeat(120), MessageText.name("w".repeat(120)), "exactly the limit is not cut");
    }

    @Test
    void cuttingNeverSplitsAnEscapeOrASurrogatePair() {
        String escapes = MessageText.name("\n".repeat(100));
        assertEquals("\\n".repeat(60) + "... (100 characters)", escapes);
        String emoji = MessageText.name("a" + "😀".repeat(100));
        assertEquals("a" + "😀".repeat(59) + "... (201 characters)", emoji);
        String control = MessageText.name("x".repeat(118) + "\u001b" + "y");
        assertEquals("x".repeat(118) + "... (120 characters)", control, "a 4-character escape does not fit in 2");
    }

    @Test
    void formatShowsTextAndPathArgumentsButPassesNumbers() {
        String reason = MessageText.format("tensor %s at %d in %s (%x)", "a\nb", 42L, Path.of("/m/x\ny.bin"), 255);
        assertEquals("tensor a\\nb at 42 in /m/x\\ny.bin (ff)", reason);
        String huge = MessageText.format("tensor %s", "n".repeat(5000));
        assertTrue(huge.length() < 200, huge);
    }

    @Test
    void pathsAreCutOnlyBeyondWhatLinuxResolves() {
        String real = "/root/.cache/huggingface/hub/models--sentence-transformers--all-MiniLM-L6-v2/blobs/"
                + "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";
        assertEquals(real, MessageText.path(Path.of(real)));
        assertTrue(MessageText.path("/a".repeat(100_000)).endsWith("... (200000 characters)"));
    }

    @Test
    void modelFormatExceptionsAreOneLineWhateverTheyAreGiven() {
        ModelFormatException concatenated = new ModelFormatException(Path.of("/m/a\nb.onnx"), 3,
                "entry x\ny: bad\r\u001b[2J");
        assertFalse(concatenated.getMessage().chars().anyMatch(c -> c < 0x20), concatenated.getMessage());
        assertEquals("/m/a\\nb.onnx: at byte 3: entry x\\ny: bad\\r\\x1b[2J", concatenated.getMessage());
        ModelFormatException formatted = ModelFormatException.at(Path.of("m.safetensors"), 8, "tensor %s: %d",
                "t\n".repeat(1000), 7);
        assertEquals(1, formatted.getMessage().lines().count());
        assertTrue(formatted.reason().endsWith("... (2000 characters): 7"), formatted.reason());
    }
}
