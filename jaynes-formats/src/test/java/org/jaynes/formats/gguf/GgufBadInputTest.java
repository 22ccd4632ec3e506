package org.jaynes.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.BadInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of broken GGUF file gives one ModelFormatException naming the file, the byte offset and
 * the problem, and leaves the file as it was. Files are written field by field with {@link GgufBytes}.
 */
class GgufBadInputTest {

    private static final int F32 = 0;
    private static final int Q4_K = 12;

    @TempDir
    Path folder;

    private ModelFormatException fails(byte[] bytes, long offset, String reason) throws Exception {
        return BadInput.assertRefused(new GgufReader(), folder.resolve("broken.gguf"), bytes, offset, reason);
    }

    private ModelFormatException fails(GgufBytes bytes, long offset, String reason) throws Exception {
        return fails(bytes.toByteArray(), offset, reason);
    }

    /** One f32 tensor [4] (16 bytes) at data offset 0, valid; tests change one thing. */
    private static GgufBytes oneTensor(String name, int type, long offset, long... dims) {
        return GgufBytes.header(3, 1, 0).mark("info").tensor(name, type, offset, dims).align(32).zeros(64);
    }

    @Test
    void wrongMagic() throws Exception {
        byte[] bytes = GgufBytes.header(3, 0, 0).toByteArray();
        bytes[3] = 'G';
        fails(bytes, 0, "not a GGUF file: it starts with 0x47475547, expected \"GGUF\"");
    }

    @Test
    void fileShorterThanTheFixedHeader() throws Exception {
        fails(Arrays.copyOf(GgufBytes.header(3, 0, 0).toByteArray(), 10), 0,
                "the file is 10 bytes long, too short for a GGUF header (24 bytes)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 99})
    void unsupportedVersion(int version) throws Exception {
        fails(GgufBytes.header(version, 0, 0), 4,
                "GGUF version " + version + " is not supported (jaynes reads versions 2 and 3)");
    }

    @Test
    void bigEndianFile() throws Exception {
        fails(GgufBytes.header(0x0300_0000, 0, 0), 4,
                "big-endian GGUF files are not supported (version field 0x03000000)");
    }

    @Test
    void absurdTensorCount() throws Exception {
        fails(GgufBytes.header(3, 1L << 62, 0).zeros(100), 8,
                "the header claims 4611686018427387904 tensors; the file (124 bytes) holds at most 4");
    }

    @Test
    void pairCountPastTheFile() throws Exception {
        fails(GgufBytes.header(3, 0, -1L), 16,
                "the header claims 18446744073709551615 metadata pairs; the file (24 bytes) holds at most 0");
    }

    @Test
    void truncatedHeaderOfTheReferenceFile() throws Exception {
        byte[] whole = Files.readAllBytes(GgufFixtures.path("types.gguf"));
        for (int length : new int[] {30, 200, 1000, 1900}) {
            Path file = folder.resolve("cut" + length + ".gguf");
            Files.write(file, Arrays.copyOf(whole, length));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> new GgufReader().read(file));
            assertTrue(e.reason().matches("the file ends inside .*: it needs \\d+ bytes, \\d+ are left"
                    + "|the header claims \\d+ tensors; the file \\(\\d+ bytes\\) holds at most \\d+"
                    + "|.* is \\d+ bytes long, but only \\d+ bytes are left in the file"
                    + "|metadata key .*: an array of .* only \\d+ are left in the file"), e.getMessage());
            assertTrue(e.offset() <= length, e.getMessage());
        }
    }

    @Test
    void truncatedTensorData() throws Exception {
        byte[] whole = Files.readAllBytes(GgufFixtures.path("types.gguf"));
        Path file = folder.resolve("cut.gguf");
        Files.write(file, Arrays.copyOf(whole, whole.length - 1));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new GgufReader().read(file));
        assertTrue(e.reason().startsWith("tensor extra.i64: its 256 bytes at data offset"), e.getMessage());
    }

    @Test
    void stringLengthPastTheEnd() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 0, 1).string("general.name").u32(GgufBytes.STRING)
                .mark("length").u64(1L << 40).zeros(8);
        fails(bytes, bytes.at("length"),
                "the value of metadata key general.name is 1099511627776 bytes long, but only 8 bytes are left in the file");
    }

    @Test
    void keyLongerThanTheFormatAllows() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 0, 1).mark("key").u64(70_000).zeros(70_010);
        fails(bytes, bytes.at("key"), "metadata key 0 is 70000 bytes long; keys are at most 65535 bytes");
    }

    @Test
    void keyThatIsNotUtf8() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 0, 1).u64(2).mark("key").raw(new byte[] {(byte) 0xC3, 0x28})
                .u32(GgufBytes.UINT32).u32(1);
        fails(bytes, bytes.at("key"), "metadata key 0 is not valid UTF-8");
    }

    @Test
    void absurdArrayLength() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 0, 1).string("tokenizer.ggml.tokens").u32(GgufBytes.ARRAY)
                .u32(GgufBytes.STRING).mark("length").u64(1L << 61).zeros(64);
        fails(bytes, bytes.at("length"), "metadata key tokenizer.ggml.tokens: an array of 2305843009213693952 "
                + "STRING values needs at least 18446744073709551616 bytes, only 64 are left in the file"
                .replace("18446744073709551616", String.valueOf((1L << 61) * 8)));
    }

    @Test
    void arrayLengthOverTwoToTheSixtyThree() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 0, 1).string("a").u32(GgufBytes.ARRAY)
                .u32(GgufBytes.UINT32).mark("length").u64(-2).zeros(64);
        fails(bytes, bytes.at("length"), "metadata key a: an array of 18446744073709551614 "
                + "UINT32 values needs at least 2^63 bytes, only 64 are left in the file");
    }

    @Test
    void unknownValueType() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 0, 1).string("x").mark("type").u32(13).u32(0);
        fails(bytes, bytes.at("type"), "metadata key x has unknown value type 13 (known: 0 to 12)");
    }

    @Test
    void arraysNestedTooDeep() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 0, 1).string("x").u32(GgufBytes.ARRAY);
        for (int depth = 0; depth < 4; depth++) {
            bytes.u32(GgufBytes.ARRAY).u64(1);
        }
        bytes.mark("deep").u32(GgufBytes.UINT32).u64(1).u32(7);
        // four arrays of arrays nest the fifth array, whose element type is where reading stops
        fails(bytes, bytes.at("deep"), "metadata key x: arrays nest more than 4 deep");
    }

    @Test
    void duplicateKey() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 0, 2).u32Pair("k", 1).mark("second").u32Pair("k", 2);
        fails(bytes, bytes.at("second"), "metadata key k appears twice");
    }

    @Test
    void alignmentThatIsNotAPowerOfTwo() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 0, 1).mark("pair").u32Pair("general.alignment", 48);
        fails(bytes, bytes.at("pair"), "general.alignment is 48, expected a power of two");
    }

    @Test
    void alignmentOfTheWrongType() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 0, 1).mark("pair").stringPair("general.alignment", "32");
        fails(bytes, bytes.at("pair"), "general.alignment is a STRING, expected a UINT32");
    }

    @Test
    void tooManyDimensions() throws Exception {
        GgufBytes bytes = oneTensor("t", F32, 0, 1, 1, 1, 1, 4);
        fails(bytes, bytes.at("info") + 9, "tensor t has 5 dimensions; GGUF allows at most 4");
    }

    @Test
    void dimensionOverTwoToTheSixtyThree() throws Exception {
        GgufBytes bytes = oneTensor("t", F32, 0, 4, -1);
        fails(bytes, bytes.at("info") + 9 + 4 + 8, "tensor t: dimension 1 is 18446744073709551615, "
                + "beyond the largest a tensor may have (2^63 - 1)");
    }

    @Test
    void elementCountOverflow() throws Exception {
        GgufBytes bytes = oneTensor("t", F32, 0, 1L << 32, 1L << 31);
        fails(bytes, bytes.at("info") + 9, "tensor t: shape [2147483648, 4294967296] has more elements than "
                + "a tensor may hold");
    }

    @Test
    void unknownTensorType() throws Exception {
        GgufBytes bytes = oneTensor("t", 99, 0, 4);
        fails(bytes, bytes.at("info") + 9 + 4 + 8, "tensor t has unknown ggml type 99; jaynes reads "
                + GgmlType.supported());
    }

    @Test
    void typeJaynesDoesNotRead() throws Exception {
        GgufBytes bytes = oneTensor("t", 16, 0, 256);
        fails(bytes, bytes.at("info") + 9 + 4 + 8, "tensor t has ggml type IQ2_XXS (16), which jaynes does not "
                + "read; it reads " + GgmlType.supported());
    }

    @Test
    void rowsThatAreNotWholeBlocks() throws Exception {
        GgufBytes bytes = oneTensor("t", Q4_K, 0, 100, 2);
        fails(bytes, bytes.at("info") + 9 + 4 + 16, "tensor t: rows of 100 values are not whole Q4_K blocks of 256");
    }

    @Test
    void misalignedOffset() throws Exception {
        GgufBytes bytes = oneTensor("t", F32, 4, 4);
        fails(bytes, bytes.at("info"), "tensor t: data offset 4 is not a multiple of the alignment 32");
    }

    @Test
    void dataOutsideTheFile() throws Exception {
        GgufBytes bytes = oneTensor("t", F32, 64, 4);
        fails(bytes, bytes.at("info"), "tensor t: its 16 bytes at data offset 64 end past the end of the file "
                + "(the data section holds 64 bytes)");
    }

    @Test
    void offsetOverTwoToTheSixtyThree() throws Exception {
        GgufBytes bytes = oneTensor("t", F32, Long.MIN_VALUE, 4);
        fails(bytes, bytes.at("info"), "tensor t: its 16 bytes at data offset 9223372036854775808 end past the end "
                + "of the file (the data section holds 64 bytes)");
    }

    @Test
    void overlappingTensors() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 2, 0).tensor("a", F32, 0, 16).mark("b").tensor("b", F32, 32, 16)
                .align(32).zeros(128);
        fails(bytes, bytes.at("b"), "tensor b: bytes [32, 96) of the data section overlap tensor a at [0, 64)");
    }

    @Test
    void duplicateTensorName() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 2, 0).tensor("a", F32, 0, 4).mark("b").tensor("a", F32, 32, 4)
                .align(32).zeros(64);
        fails(bytes, bytes.at("b"), "tensor a appears twice");
    }

    @Test
    void tensorNameLengthPastTheEnd() throws Exception {
        GgufBytes bytes = GgufBytes.header(3, 1, 0).mark("name").u64(60_000).zeros(30);
        fails(bytes, bytes.at("name") + 8, "the file ends inside the name of tensor 0: it needs 60000 bytes, 30 are left");
    }
}
