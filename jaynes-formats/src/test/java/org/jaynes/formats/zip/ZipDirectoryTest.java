package org.jaynes.formats.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The central directory reader on zips written byte by byte: zip64 sizes and offsets (which torch
 * writes for checkpoints past 4 GiB, too large for a fixture), zip64 records that lie, entry names, local
 * headers that disagree with the directory and entries that share bytes.
 */
class ZipDirectoryTest {

    private static final byte[] NAME = "a/data/0".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 4;

    @TempDir
    Path dir;

    /**
     * One stored entry of 4 bytes whose central directory record defers its sizes and offset to a
     * zip64 extra field, then the zip64 end record, its locator and the classic end record.
     */
    private static byte[] zip64(long extraHeaderOffset) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0)
                .putInt(-1).putInt(-1).putShort((short) NAME.length).putShort((short) 0).put(NAME);
        b.put(new byte[] {1, 2, 3, 4});
        int central = b.position();
        b.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                .putInt(0).putInt(0).putInt(-1).putInt(-1).putShort((short) NAME.length).putShort((short) 28)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(-1).put(NAME)
                .putShort((short) 1).putShort((short) 24).putLong(DATA).putLong(DATA).putLong(extraHeaderOffset);
        int end64 = b.position();
        b.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                .putLong(1).putLong(1).putLong(end64 - central).putLong(central);
        b.putInt(0x07064b50).putInt(0).putLong(end64).putInt(1);
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) -1).putShort((short) -1)
                .putInt(-1).putInt(-1).putShort((short) 0);
        byte[] bytes = new byte[b.position()];
        b.flip().get(bytes);
        return bytes;
    }

    private static ZipDirectory read(Path file) throws Exception {
        try (FileChannel channel = FileChannel.open(file)) {
            return ZipDirectory.read(file, channel);
        }
    }

    private ModelFormatException refused(byte[] bytes) throws Exception {
        Path file = Files.write(dir.resolve("z.zip"), bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(file));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void zip64SizesAndOffsetsComeFromTheExtraField() throws Exception {
        ZipDirectory zip = read(Files.write(dir.resolve("z64.pt"), zip64(0)));
        ZipMember entry = zip.find("a/data/0").orElseThrow();
        assertEquals(DATA, entry.size());
        assertEquals(DATA, entry.compressedSize());
        assertEquals(0, entry.localHeaderAt());
        assertEquals(30 + NAME.length, entry.dataAt());
    }

    @Test
    void zip64OffsetPastTheDirectoryIsRefused() throws Exception {
        ModelFormatException e = refused(zip64(1L << 40));
        assertEquals("entry a/data/0: its local header at byte 1099511627776 does not lie before the central "
                + "directory at byte 42", e.reason());
    }

    /** A zip64 end record whose directory offset is near 2^63: the message adds no offsets, so none overflows. */
    @Test
    void zip64DirectoryOffsetLieDoesNotOverflowTheMessage() throws Exception {
        byte[] bytes = zip64(0);
        int end64 = bytes.length - 22 - 20 - 56;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(end64 + 48, Long.MAX_VALUE);
        ModelFormatException e = refused(bytes);
        assertEquals(bytes.length - 22, e.offset());
        assertEquals("the central directory (" + (end64 - 42) + " bytes at byte " + Long.MAX_VALUE
                + ") does not lie before its end record at byte " + end64, e.reason());
        assertFalse(e.reason().contains("-"), e.reason());
    }

    @Test
    void localHeaderNamingAnotherEntryIsRefused() throws Exception {
        ZipBytes zip = new ZipBytes().stored("a.bin", new byte[8]);
        zip.record(new ZipBytes.Member("b.bin", 0, ZipBytes.crc(new byte[8]), 8, 8, 0));
        ModelFormatException e = refused(zip.finish(false));
        assertEquals(0, e.offset());
        assertEquals("entry b.bin: its local header names another file: \"a.bin\"", e.reason());
    }

    @Test
    void overlappingEntriesAreRefused() throws Exception {
        byte[] data = new byte[16];
        byte[] inner = ZipBytes.localHeader("b.bin", 0, ZipBytes.crc(data), data.length, data.length);
        byte[] outer = Arrays.copyOf(inner, inner.length + data.length);
        ZipBytes zip = new ZipBytes().stored("a.bin", outer);
        int innerAt = 30 + "a.bin".length();
        zip.record(new ZipBytes.Member("b.bin", 0, ZipBytes.crc(data), data.length, data.length, innerAt));
        ModelFormatException e = refused(zip.finish(false));
        assertEquals(innerAt, e.offset());
        assertEquals("entry b.bin shares bytes with entry a.bin", e.reason());
    }

    @Test
    void dataRunningIntoTheDirectoryIsRefused() throws Exception {
        ZipBytes zip = new ZipBytes().raw(ZipBytes.localHeader("a.bin", 0, 0, 64, 64)).raw(new byte[4]);
        zip.record(new ZipBytes.Member("a.bin", 0, 0, 64, 64, 0));
        byte[] bytes = zip.finish(false);
        ModelFormatException e = refused(bytes);
        assertEquals("entry a.bin: its 64 bytes of data at byte 35 run into the central directory at byte 39",
                e.reason());
    }

    @Test
    void unsupportedMethodsAndStoredSizesAreRefusedOnlyForEntriesInUse() throws Exception {
        ZipBytes zip = new ZipBytes().entry("a.bin", 12, 0, new byte[4], 4).entry("b.bin", 0, 0, new byte[4], 5);
        Path file = Files.write(dir.resolve("m.zip"), zip.finish(false));
        ZipDirectory directory = read(file);
        ModelFormatException method = assertThrows(ModelFormatException.class,
                () -> directory.find("a.bin").orElseThrow().requireReadable(file));
        assertEquals("entry a.bin is compressed with method 12; jaynes reads stored (0) and deflated (8) entries",
                method.reason());
        ModelFormatException sizes = assertThrows(ModelFormatException.class,
                () -> directory.find("b.bin").orElseThrow().requireReadable(file));
        assertEquals("entry b.bin is stored, but its sizes differ (4 compressed, 5 uncompressed)", sizes.reason());
    }

    @Test
    void namesThatEscape() {
        for (String name : new String[] {"../x", "a/../../x", "a/..", "/x", "\\x", "a\\x", "C:x", "c:/x", "", "a\0b"}) {
            assertTrue(ZipDirectory.escapes(name), name);
        }
        for (String name : new String[] {"archive/data.pkl", "archive/data/0", "a..b/c", "...", "archive/.data/version"}) {
            assertFalse(ZipDirectory.escapes(name), name);
        }
    }
}
