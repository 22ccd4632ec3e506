package org.jaynes.formats.pytorch;

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
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The central directory reader on zips written byte by byte: zip64 sizes and offsets (which torch
 * writes for checkpoints past 4 GiB, too large for a fixture) and entry names.
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

    private ZipDirectory read(Path file, FileChannel channel) throws Exception {
        return ZipDirectory.read(file, channel);
    }

    @Test
    void zip64SizesAndOffsetsComeFromTheExtraField() throws Exception {
        Path file = Files.write(dir.resolve("z64.pt"), zip64(0));
        try (FileChannel channel = FileChannel.open(file)) {
            ZipDirectory zip = read(file, channel);
            ZipDirectory.Entry entry = zip.find("a/data/0");
            assertEquals(DATA, entry.size());
            assertEquals(DATA, entry.compressedSize());
            assertEquals(0, entry.headerOffset());
            assertEquals(30 + NAME.length, zip.dataStart(entry));
        }
    }

    @Test
    void zip64OffsetPastTheDirectoryIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("z64.pt"), zip64(1L << 40));
        try (FileChannel channel = FileChannel.open(file)) {
            ZipDirectory zip = read(file, channel);
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> zip.dataStart(zip.find("a/data/0")));
            assertEquals("zip entry a/data/0: no local file header at byte 1099511627776", e.reason());
        }
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
