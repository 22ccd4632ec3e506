package org.jaynes.formats.safetensors;

import static org.jaynes.formats.safetensors.BrokenFiles.assertRejected;
import static org.jaynes.formats.safetensors.BrokenFiles.at;
import static org.jaynes.formats.safetensors.BrokenFiles.raw;
import static org.jaynes.formats.safetensors.BrokenFiles.safetensors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a single safetensors file can be broken, each rejected with file, byte and reason. */
class SafetensorsHeaderTest {

    private static final String ACCEPTED = "F64, F32, F16, BF16, I64, I32, I16, U16, I8, U8, BOOL";

    @TempDir
    Path dir;

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
                + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test
    void fileShorterThanTheLengthFieldIsTruncated() throws IOException {
        Path file = raw(dir, "model.safetensors", new byte[] {16, 0, 0, 0, 0});
        assertRejected(file, 0, "truncated: the file is 5 bytes long, too short for the 8-byte header length");
    }

    @Test
    void emptyFileIsTruncated() throws IOException {
        Path file = raw(dir, "model.safetensors", new byte[0]);
        assertRejected(file, 0, "truncated: the file is 0 bytes long, too short for the 8-byte header length");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        byte[] bytes = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).put((byte) '{').array();
        Path file = raw(dir, "model.safetensors", bytes);
        assertRejected(file, 0, "header length 1000 runs past the end of the file (28 bytes, so at most 20)");
    }

    @Test
    void headerLengthWithTheTopBitSetIsReadUnsigned() throws IOException {
        byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).put((byte) '{').array();
        Path file = raw(dir, "model.safetensors", bytes);
        assertRejected(file, 0,
                "header length 18446744073709551615 runs past the end of the file (16 bytes, so at most 8)");
    }

    /**
     * A file that is no safetensors file at all, such as a link named model.safetensors to a text file: its
     * first eight bytes are not shown as a header length, which would echo the file's content.
     */
    @Test
    void otherFileIsNotEchoedAsAHeaderLength() throws IOException {
        Path text = raw(dir, "passwd", "root:x:0:0:root:/root:/bin/bash\n".getBytes(StandardCharsets.US_ASCII));
        Path file = Files.createSymbolicLink(dir.resolve("model.safetensors"), text.getFileName());
        ModelFormatException e = assertRejected(file, 0, "not a safetensors file: it does not open with an 8-byte "
                + "header length that fits its 32 bytes and then '{'");
        long echoed = ByteBuffer.wrap("root:x:0".getBytes(StandardCharsets.US_ASCII)).order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        assertFalse(e.getMessage().contains(Long.toUnsignedString(echoed)), e.getMessage());
        assertFalse(e.getMessage().contains("root"), e.getMessage());
    }

    @Test
    void headerLengthOverTheLimit() throws IOException {
        Path file = dir.resolve("model.safetensors");
        long length = SafetensorsHeader.MAX_HEADER_LENGTH + 1;
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(8 + length);
            sparse.write(ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).putLong(length).put((byte) '{').array());
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new SafetensorsReader().read(file));
        assertEquals(file + ": at byte 0: header length 100000001 is over the limit of 100000000 bytes", e.getMessage());
        assertEquals(8 + length, Files.size(file));
    }

    /**
     * A tensor name with a newline and an ANSI colour escape, and a long one: the message shows them escaped
     * and cut, on one line, whatever the name. (Longer names than 49,000 characters are refused by the JSON
     * parser's own limit on key length, 50,000; OnnxBadInputTest shows a 1 MB name cut.)
     */
    @Test
    void hostileTensorNamesAreEscapedAndCut() throws IOException {
        String header = "{" + entry("evil\\n\\u001b[31mred\\r", "F32", "[2]", 0, 4) + "}";
        assertRejected(safetensors(dir, header, 8), at(header, "[0,"),
                "tensor evil\\n\\x1b[31mred\\r: f32 [2] needs 8 bytes, but data_offsets [0, 4] hold 4");
        String huge = "n".repeat(49_000);
        String longHeader = "{" + entry(huge, "F32", "[2]", 0, 4) + "}";
        ModelFormatException e = assertRejected(safetensors(dir, longHeader, 8), at(longHeader, "[0,"),
                "tensor " + "n".repeat(120) + "... (49000 characters): f32 [2] needs 8 bytes, but data_offsets "
                        + "[0, 4] hold 4");
        assertTrue(e.getMessage().length() < 400, "a message of " + e.getMessage().length() + " characters");
    }

    @Test
    void emptyHeaderIsNotAnObject() throws IOException {
        assertRejected(safetensors(dir, "", 0), 8, "header is not a JSON object");
    }

    @Test
    void arrayHeaderIsNotAnObject() throws IOException {
        assertRejected(safetensors(dir, "[1, 2]  ", 0), 8, "header is not a JSON object");
    }

    @Test
    void leadingSpaceIsNotAllowed() throws IOException {
        // the format allows space padding only after the object, as the reference library checks
        assertRejected(safetensors(dir, " {}     ", 0), 8, "header is not a JSON object");
    }

    @Test
    void invalidJsonNamesTheByteOfTheError() throws IOException {
        String header = "{\"a\": }";
        assertRejected(safetensors(dir, header, 0), at(header, "}"),
                "header is not valid JSON: Unexpected character ('}' (code 125)): expected a value");
    }

    @Test
    void truncatedJson() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\"";
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> new SafetensorsReader().read(safetensors(dir, header, 0)));
        assertTrue(e.reason().startsWith("header is not valid JSON: Unexpected end-of-input"), e.reason());
        assertTrue(!e.reason().contains("Source") && !e.reason().contains("\n"), e.reason());
    }

    @Test
    void invalidUtf8() throws IOException {
        byte[] json = {'{', '"', (byte) 0xff, '"', ':', '{', '}', '}'};
        byte[] bytes = ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).array();
        assertRejected(raw(dir, "model.safetensors", bytes), 10, "header is not valid UTF-8");
    }

    @Test
    void nulByte() throws IOException {
        assertRejected(safetensors(dir, "{\0\0\0}", 0), 9, "header is not valid JSON: it contains a NUL byte");
    }

    @Test
    void contentAfterTheObject() throws IOException {
        assertRejected(safetensors(dir, "{}  x", 0), 12,
                "header has 'x' after its closing '}' (only spaces may pad it)");
    }

    @Test
    void entryThatIsNotAnObject() throws IOException {
        String header = "{\"a\":3}";
        assertRejected(safetensors(dir, header, 0), at(header, "3"), "tensor a: entry is a JSON number, expected an object");
    }

    @Test
    void missingDtype() throws IOException {
        String header = "{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertRejected(safetensors(dir, header, 4), 9, "tensor a: no \"dtype\"");
    }

    @Test
    void missingShape() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}";
        assertRejected(safetensors(dir, header, 4), 9, "tensor a: no \"shape\"");
    }

    @Test
    void missingDataOffsets() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}";
        assertRejected(safetensors(dir, header, 4), 9, "tensor a: no \"data_offsets\"");
    }

    @Test
    void dtypeOfTheWrongType() throws IOException {
        String header = "{\"a\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertRejected(safetensors(dir, header, 4), at(header, "4,"), "tensor a: \"dtype\" is a JSON number, expected a string");
    }

    @Test
    void shapeOfTheWrongType() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":\"1\",\"data_offsets\":[0,4]}}";
        assertRejected(safetensors(dir, header, 4), at(header, "\"1\""),
                "tensor a: \"shape\" is a JSON string, expected an array of integers");
    }

    @Test
    void dataOffsetsOfTheWrongType() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":{}}}";
        assertRejected(safetensors(dir, header, 4), at(header, "{}"),
                "tensor a: \"data_offsets\" is a JSON object, expected an array of two integers");
    }

    @Test
    void fieldGivenTwice() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertRejected(safetensors(dir, header, 4), at(header, "\"dtype\":\"F16\""), "tensor a: \"dtype\" appears twice");
    }

    @Test
    void tensorGivenTwice() throws IOException {
        String header = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("a", "F32", "[1]", 4, 8) + "}";
        assertRejected(safetensors(dir, header, 8), at(header, "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4"),
                "tensor a appears twice in the header");
    }

    @Test
    void unknownDtypeListsTheAcceptedOnes() throws IOException {
        String header = "{" + entry("a", "F8_E4M3", "[4]", 0, 4) + "}";
        assertRejected(safetensors(dir, header, 4), at(header, "\"F8_E4M3\""),
                "tensor a: unknown dtype \"F8_E4M3\"; accepted: " + ACCEPTED);
    }

    @Test
    void unknownDtypeSuggestsTheNearest() throws IOException {
        String header = "{" + entry("a", "float32", "[1]", 0, 4) + "}";
        assertRejected(safetensors(dir, header, 4), at(header, "\"float32\""),
                "tensor a: unknown dtype \"float32\" (did you mean F32?); accepted: " + ACCEPTED);
    }

    @Test
    void negativeDimension() throws IOException {
        String header = "{" + entry("a", "F32", "[2,-3]", 0, 4) + "}";
        assertRejected(safetensors(dir, header, 4), at(header, "-3"),
                "tensor a: shape dimension 1 is -3, expected a non-negative integer");
    }

    @Test
    void nonIntegerDimension() throws IOException {
        String header = "{" + entry("a", "F32", "[2.5]", 0, 4) + "}";
        assertRejected(safetensors(dir, header, 4), at(header, "2.5"),
                "tensor a: shape dimension 0 is 2.5, expected a non-negative integer");
    }

    @Test
    void stringDimension() throws IOException {
        String header = "{" + entry("a", "F32", "[\"4\"]", 0, 4) + "}";
        assertRejected(safetensors(dir, header, 4), at(header, "\"4\""),
                "tensor a: shape dimension 0 is \"4\", expected a non-negative integer");
    }

    @Test
    void dimensionBeyondALong() throws IOException {
        String header = "{" + entry("a", "F32", "[99999999999999999999]", 0, 4) + "}";
        assertRejected(safetensors(dir, header, 4), at(header, "999"),
                "tensor a: shape dimension 0 is 99999999999999999999, expected a non-negative integer");
    }

    @Test
    void tooManyDimensions() throws IOException {
        String shape = "[" + "1,".repeat(HeaderParser.MAX_RANK) + "1]";
        String header = "{" + entry("a", "F32", shape, 0, 4) + "}";
        assertRejected(safetensors(dir, header, 4), at(header, "1]"), "tensor a: shape has more than 64 dimensions");
    }

    @Test
    void tooManyElements() throws IOException {
        String header = "{" + entry("a", "F32", "[4294967296,4294967296,4]", 0, 4) + "}";
        assertRejected(safetensors(dir, header, 4), at(header, "[0,"),
                "tensor a: shape [4294967296, 4294967296, 4] has too many elements to store");
    }

    @Test
    void threeDataOffsets() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}";
        assertRejected(safetensors(dir, header, 8), at(header, "[0,"),
                "tensor a: data_offsets has 3 values, expected 2 (begin, end)");
    }

    @Test
    void negativeDataOffset() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}";
        assertRejected(safetensors(dir, header, 8), at(header, "-4"),
                "tensor a: data_offsets value 0 is -4, expected a non-negative integer");
    }

    @Test
    void dataOffsetsBeyondTheDataArea() throws IOException {
        String header = "{" + entry("a", "F32", "[2]", 0, 8) + "}";
        assertRejected(safetensors(dir, header, 6), at(header, "[0,"),
                "tensor a: data_offsets [0, 8] end past the data area of 6 bytes");
    }

    @Test
    void dataOffsetsEndingBeforeTheyBegin() throws IOException {
        String header = "{" + entry("a", "F32", "[1]", 8, 4) + "}";
        assertRejected(safetensors(dir, header, 8), at(header, "[8,"),
                "tensor a: data_offsets [8, 4] end before they begin");
    }

    @Test
    void overlappingTensorsAreBothNamed() throws IOException {
        String header = "{" + entry("first", "F32", "[2]", 0, 8) + "," + entry("second", "F32", "[2]", 4, 12) + "}";
        assertRejected(safetensors(dir, header, 12), at(header, "[4,"),
                "tensor second: data_offsets [4, 12] overlap tensor first at [0, 8]");
    }

    @Test
    void overlapWithAnEarlierLongerTensor() throws IOException {
        // the overlap is with the first tensor, not the one just before in data order
        String header = "{" + entry("long", "F32", "[4]", 0, 16) + "," + entry("inside", "F32", "[1]", 4, 8)
                + "," + entry("late", "F32", "[1]", 12, 16) + "}";
        assertRejected(safetensors(dir, header, 16), at(header, "[4,"),
                "tensor inside: data_offsets [4, 8] overlap tensor long at [0, 16]");
    }

    @Test
    void lengthNotMatchingTheShape() throws IOException {
        String header = "{" + entry("a", "BF16", "[2,3]", 0, 8) + "}";
        assertRejected(safetensors(dir, header, 8), at(header, "[0,"),
                "tensor a: bf16 [2, 3] needs 12 bytes, but data_offsets [0, 8] hold 8");
    }

    @Test
    void metadataGapsAndEmptyTensorsAreAccepted() throws Exception {
        String header = "{\"__metadata__\":{\"format\":\"pt\"}," + entry("b.weight", "F32", "[2,2]", 20, 36)
                + "," + entry("empty", "F32", "[0,5]", 4, 4) + "," + entry("a", "I8", "[3]", 0, 3) + "}";
        Path file = safetensors(dir, header, 40);
        Model model = new SafetensorsReader().read(file);
        List<Tensor> tensors = model.tensors();
        assertEquals(List.of("a", "empty", "b.weight"), tensors.stream().map(Tensor::storedName).toList());
        assertEquals("b", tensors.get(2).name());
        long dataStart = 8 + header.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(new FileRegion(file, dataStart + 20, 16), tensors.get(2).data());
    }

    @Test
    void fileWithNoTensors() throws Exception {
        assertEquals(List.of(), new SafetensorsReader().read(safetensors(dir, "{}      ", 0)).tensors());
    }

    /**
     * Random damage to a real header (bytes overwritten, the file cut short) either still reads or
     * fails with a {@link ModelFormatException}: never another exception.
     */
    @Test
    void damagedHeadersFailOnlyWithModelFormatException() throws IOException {
        long seed = 20240601;
        SplittableRandom random = new SplittableRandom(seed);
        byte[] original = Files.readAllBytes(Fixtures.path("mixed.safetensors"));
        int headerEnd = 8 + (int) ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        byte[] interesting = "{}[]\":,-.0123456789eE \\\0\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("damaged.safetensors");
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = original.clone();
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                bytes[random.nextInt(headerEnd)] = random.nextBoolean()
                        ? interesting[random.nextInt(interesting.length)]
                        : (byte) random.nextInt(256);
            }
            if (random.nextInt(8) == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            Files.write(file, bytes);
            try {
                new SafetensorsReader().read(file);
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith(file + ": "), expected.getMessage());
                assertFalse(expected.getMessage().contains("\n"), expected.getMessage());
            } catch (RuntimeException | IOException e) {
                throw new AssertionError("round " + round + " of seed " + seed + ": " + e, e);
            }
        }
    }
}
