package org.jaynes.formats.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jaynes.formats.zip.ZipBytes;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.BadInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of broken .npy file or .npz archive gives one ModelFormatException naming the file, the
 * byte offset (and entry) and the problem, and leaves the file as it was.
 */
class NumpyBadInputTest {

    private static final String ACCEPTED = NpyDescr.ACCEPTED;

    @TempDir
    Path folder;

    private ModelFormatException fails(String name, byte[] bytes, long offset, String reason) throws Exception {
        return BadInput.assertRefused(new NumpyReader(), folder.resolve(name), bytes, offset, reason);
    }

    private static String header(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    @Test
    void neitherNpyNorZip() throws Exception {
        fails("w.npy", "hello world".getBytes(StandardCharsets.US_ASCII), 0,
                "not a .npy array or .npz archive: it starts with \"hello wo\"");
    }

    @Test
    void unsupportedVersion() throws Exception {
        byte[] bytes = NpyBytes.f32("(1,)", 1f);
        bytes[6] = 4;
        fails("w.npy", bytes, 6, "format version 4.0 is not supported (jaynes reads 1.0, 2.0 and 3.0)");
    }

    @Test
    void truncatedPreamble() throws Exception {
        fails("w.npy", Arrays.copyOf(NpyBytes.f32("(1,)", 1f), 8), 0,
                "truncated: 8 bytes, too short for the .npy preamble (10 bytes)");
    }

    @Test
    void headerLengthPastTheEnd() throws Exception {
        byte[] bytes = NpyBytes.f32("(1,)", 1f);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 1000);
        fails("w.npy", bytes, 8, "header length 1000 runs past the end of the array's " + bytes.length + " bytes");
    }

    @Test
    void headerLongerThanTheLimit() throws Exception {
        byte[] bytes = new byte[200];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(100_000);
        fails("w.npy", bytes, 8, "header length 100000 is over the limit of 65536 bytes");
    }

    /** Each header is followed by where the error is: the first occurrence of that text, or the start if empty. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            ['descr']                                                                    ; ;       malformed header: expected '{', found '['
            {'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}          ; 'extra'; malformed header: unexpected key 'extra' (a header has 'descr', 'fortran_order' and 'shape')
            {'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}      ; 'descr': '<f4', 'f; malformed header: key 'descr' appears twice
            {'descr': '<f4', 'fortran_order': False}                                     ; ;       malformed header: no 'shape'
            {'descr': '<f4', 'fortran_order': false, 'shape': (2,)}                      ; false;  malformed header: expected True or False, found 'f'
            {'descr': '<f4', 'fortran_order': False, 'shape': (2)}                       ; (2);    malformed header: expected a tuple (a one-element tuple needs a trailing comma), found a parenthesised integer
            {'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}                     ; -2;     malformed header: expected a non-negative integer, found '-'
            {'descr': '<f4', 'fortran_order': False, 'shape': [2]}                       ; [2];    malformed header: expected a tuple of integers, found '['
            {'descr': '<f4', 'fortran_order': False, 'shape': (2,)} x                    ; x;      malformed header: expected only whitespace after the header's '}', found 'x'
            {'descr': '<f\\4', 'fortran_order': False, 'shape': (2,)}                    ; \\;     malformed header: expected a string without escapes or line breaks, found '\\'
            {'descr': __import__('os').system('ls'), 'fortran_order': False}             ; __;     malformed header: expected the descr string, found '_'
            {'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}             ; [;      structured dtypes (a 'descr' list of fields) are not supported
            {'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}   ; 999;    shape dimension 0 is larger than 2^63 - 1
            {'descr': '<f4', 'fortran_order': False 'shape': (2,)}                       ; 'shape'; malformed header: expected ',' or '}', found '\''
            {'descr': '<f4                                                               ; ;       malformed header: expected a string without escapes or line breaks, found byte 0x0a
            """)
    void malformedHeader(String text, String at, String reason) throws Exception {
        String header = text.strip();
        int index = at == null ? 0 : header.indexOf(at.strip());
        if (reason.endsWith("byte 0x0a")) {
            index = NpyBytes.dataAt(NpyBytes.of(header, new byte[0])) - 10 - 1; // the newline ending the padding
        }
        fails("w.npy", NpyBytes.of(header, new byte[64]), NpyBytes.headerAt(index), reason);
    }

    @Test
    void unterminatedString() throws Exception {
        fails("w.npy", NpyBytes.unpadded("{'descr': '<f4", new byte[8]), NpyBytes.headerAt(10),
                "malformed header: expected a closing quote, found the end of the header");
    }

    @Test
    void shapeWithTooManyDimensions() throws Exception {
        String shape = "(" + "1, ".repeat(65) + ")";
        String text = header("<f4", shape);
        fails("w.npy", NpyBytes.of(text, new byte[4]), NpyBytes.headerAt(text.indexOf("1, ") + 64 * 3),
                "shape has more than 64 dimensions");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            <c8  ; ' (complex64)'
            |O   ; ' (object (pickled Python objects))'
            <u4  ; ' (uint32)'
            =f4  ; ' (native byte order, which a file cannot state)'
            <f3  ; ''
            |f4  ; ''
            """)
    void unsupportedDescr(String descr, String description) throws Exception {
        String text = header(descr, "(2,)");
        fails("w.npy", NpyBytes.of(text, new byte[64]), NpyBytes.headerAt(text.indexOf("'" + descr)),
                "unsupported descr '" + descr + "'" + description + "; jaynes reads " + ACCEPTED);
    }

    @Test
    void dataShorterThanTheShapeNeeds() throws Exception {
        byte[] bytes = NpyBytes.f32("(4,)", 1f, 2f, 3f, 4f);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 4);
        fails("w.npy", cut, NpyBytes.dataAt(bytes), "the data holds 12 bytes, but <f4 [4] needs 16");
    }

    @Test
    void shapeWithMoreBytesThanALongCounts() throws Exception {
        String text = header("<f8", "(1099511627776, 1099511627776)");
        fails("w.npy", NpyBytes.of(text, new byte[8]), NpyBytes.headerAt(text.indexOf("(1099")),
                "shape [1099511627776, 1099511627776] has more bytes than a file can hold");
    }

    // ---- .npz archives

    private static final byte[] ARRAY = NpyBytes.f32("(2,)", 1f, 2f);

    @ParameterizedTest
    @ValueSource(strings = {"../evil.npy", "/etc/evil.npy", "dir/../../evil.npy", "a\\b.npy", "C:evil.npy", ".."})
    void entryNamesThatEscape(String name) throws Exception {
        ZipBytes zip = new ZipBytes().stored(name, ARRAY);
        int directoryAt = zip.position();
        fails("w.npz", zip.finish(false), directoryAt, "entry name \"" + name + "\" escapes the archive");
    }

    @Test
    void unsupportedCompressionMethod() throws Exception {
        ZipBytes zip = new ZipBytes().entry("w.npy", 12, ZipBytes.crc(ARRAY), ARRAY, ARRAY.length);
        int directoryAt = zip.position();
        fails("w.npz", zip.finish(false), directoryAt,
                "entry w.npy is compressed with method 12; jaynes reads stored (0) and deflated (8) entries");
    }

    @Test
    void entryInflatingBeyondItsDeclaredSize() throws Exception {
        byte[] zip = new ZipBytes().entry("w.npy", 8, ZipBytes.crc(ARRAY), ZipBytes.deflate(ARRAY), ARRAY.length - 8)
                .finish(false);
        fails("w.npz", zip, 0, "entry w.npy inflates beyond its declared size of " + (ARRAY.length - 8) + " bytes");
    }

    @Test
    void entryInflatingShortOfItsDeclaredSize() throws Exception {
        byte[] zip = new ZipBytes().entry("w.npy", 8, ZipBytes.crc(ARRAY), ZipBytes.deflate(ARRAY), ARRAY.length + 8)
                .finish(false);
        fails("w.npz", zip, 0, "entry w.npy inflates to " + ARRAY.length + " bytes, but declares " + (ARRAY.length + 8));
    }

    @Test
    void entryFailingItsCrc() throws Exception {
        long crc = ZipBytes.crc(ARRAY);
        byte[] zip = new ZipBytes().entry("w.npy", 8, crc ^ 1, ZipBytes.deflate(ARRAY), ARRAY.length).finish(false);
        fails("w.npz", zip, 0, String.format("entry w.npy fails its CRC-32 check (declared %08x, computed %08x)", crc ^ 1, crc));
    }

    @Test
    void entryDeclaringMoreThanDeflateCanProduce() throws Exception {
        byte[] deflated = ZipBytes.deflate(ARRAY);
        byte[] zip = new ZipBytes().entry("w.npy", 8, 0, deflated, 1L << 40).finish(true);
        fails("w.npz", zip, 0, "entry w.npy declares 1099511627776 bytes from " + deflated.length
                + " compressed, more than deflate can produce (at most 1032:1)");
    }

    @Test
    void entryThatIsNotDeflateData() throws Exception {
        byte[] junk = new byte[40];
        Arrays.fill(junk, (byte) 0xFF);
        byte[] zip = new ZipBytes().entry("w.npy", 8, 0, junk, 100).finish(false);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> new NumpyReader().read(Files.write(folder.resolve("w.npz"), zip)));
        assertTrue(e.reason().startsWith("entry w.npy is not valid deflate data: "), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void truncatedArchive() throws Exception {
        byte[] whole = Files.readAllBytes(NumpyFixtures.path("compressed.npz"));
        fails("w.npz", Arrays.copyOf(whole, whole.length / 2), 0, "not a zip archive: no end of central directory record");
    }

    @Test
    void brokenZip64Locator() throws Exception {
        byte[] bytes = new ZipBytes().stored("a.npy", ARRAY).finish(true);
        int locatorAt = bytes.length - 22 - 20;
        bytes[locatorAt] = 0;
        fails("w.npz", bytes, locatorAt, "the zip64 end of central directory record is missing or broken");
    }

    @Test
    void endRecordClaimingMoreEntriesThanTheDirectoryHolds() throws Exception {
        byte[] bytes = new ZipBytes().stored("a.npy", ARRAY).finish(false);
        int endAt = bytes.length - 22;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(endAt + 8, (short) 3).putShort(endAt + 10, (short) 3);
        fails("w.npz", bytes, endAt, "a central directory of 51 bytes cannot hold the 3 entries the end record claims");
    }

    @Test
    void overlappingEntries() throws Exception {
        // entry a's data is entry b's local header and data: b's bytes would be read twice
        byte[] inner = concat(ZipBytes.localHeader("b.npy", 0, ZipBytes.crc(ARRAY), ARRAY.length, ARRAY.length), ARRAY);
        ZipBytes zip = new ZipBytes().stored("a.npy", inner);
        int innerAt = 30 + "a.npy".length();
        zip.record(new ZipBytes.Member("b.npy", 0, ZipBytes.crc(ARRAY), ARRAY.length, ARRAY.length, innerAt));
        fails("w.npz", zip.finish(false), innerAt, "entry b.npy shares bytes with entry a.npy");
    }

    @Test
    void localHeaderNamingAnotherFile() throws Exception {
        ZipBytes zip = new ZipBytes().stored("a.npy", ARRAY);
        zip.record(new ZipBytes.Member("b.npy", 0, ZipBytes.crc(ARRAY), ARRAY.length, ARRAY.length, 0));
        fails("w.npz", zip.finish(false), 0, "entry b.npy: its local header names another file: \"a.npy\"");
    }

    @Test
    void entryDataPastTheEnd() throws Exception {
        ZipBytes zip = new ZipBytes().raw(ZipBytes.localHeader("b.npy", 0, 0, 1L << 30, 1L << 30)).raw(ARRAY);
        zip.record(new ZipBytes.Member("b.npy", 0, 0, 1L << 30, 1L << 30, 0));
        byte[] bytes = zip.finish(false);
        fails("w.npz", bytes, 0, "entry b.npy: its 1073741824 bytes of data at byte 35 end past the end of the file ("
                + bytes.length + " bytes)");
    }

    @Test
    void duplicateEntryNames() throws Exception {
        ZipBytes zip = new ZipBytes().stored("a.npy", ARRAY).stored("a.npy", ARRAY);
        int directoryAt = zip.position();
        fails("w.npz", zip.finish(false), directoryAt + 46 + 5, "entry a.npy appears twice");
    }

    @Test
    void encryptedEntry() throws Exception {
        ZipBytes zip = new ZipBytes().stored("a.npy", ARRAY);
        int directoryAt = zip.position();
        byte[] bytes = zip.finish(false);
        bytes[directoryAt + 8] |= 1;
        fails("w.npz", bytes, directoryAt, "entry a.npy is encrypted");
    }

    @Test
    void storedEntryWhoseSizesDiffer() throws Exception {
        ZipBytes zip = new ZipBytes().entry("a.npy", 0, ZipBytes.crc(ARRAY), ARRAY, ARRAY.length + 1);
        int directoryAt = zip.position();
        fails("w.npz", zip.finish(false), directoryAt,
                "entry a.npy is stored, but its sizes differ (" + ARRAY.length + " compressed, " + (ARRAY.length + 1) + " uncompressed)");
    }

    @Test
    void brokenArrayInAStoredEntryNamesTheFileByte() throws Exception {
        byte[] array = ARRAY.clone();
        array[6] = 9;
        int dataAt = 30 + "a.npy".length();
        fails("w.npz", new ZipBytes().stored("a.npy", array).finish(false), dataAt + 6,
                "entry a.npy: format version 9.0 is not supported (jaynes reads 1.0, 2.0 and 3.0)");
    }

    @Test
    void brokenArrayInADeflatedEntryNamesTheEntryAndItsInflatedByte() throws Exception {
        byte[] text = NpyBytes.of(header("<f4", "(4,)"), new byte[8]);
        fails("w.npz", new ZipBytes().deflated("a.npy", text).finish(false), 0, "entry a.npy, byte "
                + NpyBytes.dataAt(text) + " of its inflated data: the data holds 8 bytes, but <f4 [4] needs 16");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
