package org.jaynes.capture.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jaynes.formats.ModelFormatException;

/**
 * The texts of a text file, one per line: lines are split at {@code \n}, {@code \r\n} or {@code \r};
 * blank lines (empty or white space only) are skipped; other lines are kept as they are, surrounding
 * space included (the tokenizer drops it). The file must be strict UTF-8: malformed bytes, overlong
 * forms and encoded surrogates are refused with the byte offset of the first bad byte. A byte-order mark
 * at the start is skipped. Decoding streams through a 64 KiB buffer: {@link #forEach} holds one line at
 * a time, {@link #read} all the texts. Stateless.
 */
public final class TextLines {

    static final String NOT_UTF8 = "not valid UTF-8";
    static final String EMPTY = "empty (no text lines)";

    private static final int BUFFER = 1 << 16;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private TextLines() {
    }

    /** The non-blank lines of {@code file}, in order; at least one. */
    public static List<String> read(Path file) throws IOException, ModelFormatException {
        List<String> texts = new ArrayList<>();
        forEach(file, texts::add);
        return texts;
    }

    /**
     * Passes the non-blank lines of {@code file} to {@code texts} as they are decoded, so that memory
     * does not grow with the file. A bad byte stops the reading with the lines before it already passed.
     *
     * @return the number of lines passed, at least one
     */
    public static long forEach(Path file, Consumer<String> texts) throws IOException, ModelFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return forEach(in, file, texts);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, ModelFormatException.NO_OFFSET, "no such file");
        }
    }

    /** The non-blank lines of a stream, which is not closed; {@code source} names it in messages. */
    static List<String> read(InputStream in, Path source) throws IOException, ModelFormatException {
        List<String> texts = new ArrayList<>();
        forEach(in, source, texts::add);
        return texts;
    }

    private static long forEach(InputStream in, Path source, Consumer<String> texts)
            throws IOException, ModelFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
        CharBuffer chars = CharBuffer.allocate(BUFFER);
        LineCollector lines = new LineCollector(texts);
        long consumed = 0; // bytes decoded before the buffer's start, which is always byte 0 after flip()
        boolean end = false;
        while (!end) {
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            end = read < 0;
            if (!end) {
                bytes.position(bytes.position() + read);
            }
            bytes.flip();
            CoderResult result = decoder.decode(bytes, chars, end);
            if (result.isError() || end && decoder.flush(chars).isError()) {
                throw ModelFormatException.at(source, consumed + bytes.position(), NOT_UTF8);
            }
            consumed += bytes.position();
            chars.flip();
            lines.accept(chars);
            chars.clear();
            bytes.compact();
        }
        lines.finish();
        if (lines.count == 0) {
            throw new ModelFormatException(source, ModelFormatException.NO_OFFSET, EMPTY);
        }
        return lines.count;
    }

    /** Turns decoded characters into lines, across buffer boundaries. */
    private static final class LineCollector {

        private final Consumer<String> texts;
        private final StringBuilder line = new StringBuilder();
        long count;
        private boolean first = true;
        private boolean afterCarriageReturn;

        LineCollector(Consumer<String> texts) {
            this.texts = texts;
        }

        void accept(CharBuffer chars) {
            while (chars.hasRemaining()) {
                char c = chars.get();
                if (first) {
                    first = false;
                    if (c == BYTE_ORDER_MARK) {
                        continue;
                    }
                }
                if (c == '\n' && afterCarriageReturn) {
                    afterCarriageReturn = false;
                    continue;
                }
                afterCarriageReturn = c == '\r';
                if (c == '\n' || c == '\r') {
                    finish();
                } else {
                    line.append(c);
                }
            }
        }

        void finish() {
            String text = line.toString();
            if (!text.isBlank()) {
                texts.accept(text);
                count++;
            }
            line.setLength(0);
        }
    }
}
