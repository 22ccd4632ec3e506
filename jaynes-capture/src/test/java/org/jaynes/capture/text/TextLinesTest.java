package org.jaynes.capture.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLinesTest {

    @TempDir
    Path dir;

    private Path file(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("texts.txt"), bytes);
    }

    private Path file(String text) throws IOException {
        return file(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private ModelFormatException failure(byte[] bytes) throws IOException {
        Path file = file(bytes);
        return assertThrows(ModelFormatException.class, () -> TextLines.read(file));
    }

    @Test
    void oneTextPerNonBlankLineWithAnyLineEnd() throws IOException, ModelFormatException {
        Path file = file("first\r\nsecond\rthird\n\n   \n\t\nfourth, é and 中\n");
        assertEquals(List.of("first", "second", "third", "fourth, é and 中"), TextLines.read(file));
    }

    @Test
    void lastLineNeedsNoLineEndAndSpaceIsKept() throws IOException, ModelFormatException {
        assertEquals(List.of("  indented", "last "), TextLines.read(file("  indented\nlast ")));
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException, ModelFormatException {
        Path file = file(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("Hello\nworld")));
        assertEquals(List.of("Hello", "world"), TextLines.read(file));
    }

    @Test
    void malformedByteIsReportedAtItsOffset() throws IOException {
        ModelFormatException e = failure(concat(utf8("caf\u00e9 ok\n"), new byte[] {'a', (byte) 0xFF, 'b'}));
        // "café ok\n" is 9 bytes (é takes two), then 'a', then the bad byte
        assertEquals(10, e.offset());
        assertEquals(e.file() + ": at byte 10: not valid UTF-8", e.getMessage());
    }

    @Test
    void latin1TextIsNotUtf8() throws IOException {
        // "café" in ISO-8859-1: the é is the lone byte 0xE9 at offset 3
        assertEquals(3, failure(new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'}).offset());
    }

    @Test
    void overlongFormAndEncodedSurrogateAreRefused() throws IOException {
        assertEquals(2, failure(new byte[] {'a', 'b', (byte) 0xC0, (byte) 0xAF}).offset());
        assertEquals(1, failure(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}).offset());
    }

    @Test
    void sequenceCutByTheEndOfTheFileIsRefused() throws IOException {
        assertEquals(4, failure(new byte[] {'t', 'e', 'x', 't', (byte) 0xE4, (byte) 0xB8}).offset());
    }

    @Test
    void offsetIsRightBeyondTheFirstBuffer() throws IOException {
        // 100,001 ASCII bytes, then a bad byte: past the 64 KiB decoding buffer
        byte[] text = utf8(("x".repeat(99) + "\n").repeat(1000) + "y");
        assertEquals(100_001, failure(concat(text, new byte[] {(byte) 0x80})).offset());
    }

    @Test
    void multiByteCharacterAcrossBufferBoundaryIsKept() throws IOException, ModelFormatException {
        String text = "a".repeat((1 << 16) - 1) + "\u20ac\n€ second";
        assertEquals(List.of("a".repeat((1 << 16) - 1) + "\u20ac", "€ second"), TextLines.read(file(text)));
    }

    @Test
    void forEachPassesTheSameLinesAndCountsThem() throws IOException, ModelFormatException {
        Path file = file("one\n\ntwo\r\nthree");
        List<String> seen = new ArrayList<>();
        assertEquals(3, TextLines.forEach(file, seen::add));
        assertEquals(TextLines.read(file), seen);
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        ModelFormatException e = failure(new byte[0]);
        assertEquals(e.file() + ": empty (no text lines)", e.getMessage());
    }

    @Test
    void blankOnlyFileIsRefused() throws IOException {
        ModelFormatException e = failure(utf8("\n   \r\n\t\t\n \n"));
        assertEquals(e.file() + ": empty (no text lines)", e.getMessage());
    }

    @Test
    void byteOrderMarkAloneIsEmpty() throws IOException {
        ModelFormatException e = failure(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n'});
        assertEquals(e.file() + ": empty (no text lines)", e.getMessage());
    }

    @Test
    void missingFileIsOneLine() {
        Path absent = dir.resolve("absent.txt");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TextLines.read(absent));
        assertEquals(absent + ": no such file", e.getMessage());
    }
}
