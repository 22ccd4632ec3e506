package org.jaynes.formats.zip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives field by field, including what java.util.zip never writes: zip64 records for
 * small files, overlapping entries, names that escape, sizes that lie. Marks give byte offsets.
 */
public final class ZipBytes {

    /** One central directory record to write. */
    public record Member(String name, int method, long crc, long compressedSize, long size, long localAt) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Member> members = new ArrayList<>();

    /** The offset of the next byte. */
    public int position() {
        return out.size();
    }

    /** A stored entry: local header, data, and its directory record. */
    public ZipBytes stored(String name, byte[] data) {
        return entry(name, 0, crc(data), data, data.length);
    }

    /** A deflated entry. */
    public ZipBytes deflated(String name, byte[] data) {
        return entry(name, 8, crc(data), deflate(data), data.length);
    }

    /** An entry with whatever the test wants its headers to say. */
    public ZipBytes entry(String name, int method, long crc, byte[] stored, long size) {
        int at = position();
        raw(localHeader(name, method, crc, stored.length, size)).raw(stored);
        members.add(new Member(name, method, crc, stored.length, size, at));
        return this;
    }

    /** A directory record only, for an entry written (or not) elsewhere. */
    public ZipBytes record(Member member) {
        members.add(member);
        return this;
    }

    public ZipBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** The central directory and end record; with {@code zip64}, sizes and offsets go in zip64 fields. */
    public byte[] finish(boolean zip64) {
        long directoryAt = position();
        for (Member m : members) {
            raw(centralEntry(m, zip64));
        }
        long directorySize = position() - directoryAt;
        if (zip64) {
            long recordAt = position();
            raw(le(56).putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(members.size()).putLong(members.size()).putLong(directorySize).putLong(directoryAt).array());
            raw(le(20).putInt(0x07064b50).putInt(0).putLong(recordAt).putInt(1).array());
            raw(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) -1)
                    .putShort((short) -1).putInt(-1).putInt(-1).putShort((short) 0).array());
        } else {
            raw(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) members.size())
                    .putShort((short) members.size()).putInt((int) directorySize).putInt((int) directoryAt)
                    .putShort((short) 0).array());
        }
        return out.toByteArray();
    }

    public static byte[] localHeader(String name, int method, long crc, long compressedSize, long size) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return le(30 + bytes.length).putInt(0x04034b50).putShort((short) 20).putShort((short) 0x800)
                .putShort((short) method).putShort((short) 0).putShort((short) 0x21).putInt((int) crc)
                .putInt((int) compressedSize).putInt((int) size).putShort((short) bytes.length).putShort((short) 0)
                .put(bytes).array();
    }

    private static byte[] centralEntry(Member m, boolean zip64) {
        byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
        int extra = zip64 ? 4 + 24 : 0;
        ByteBuffer b = le(46 + name.length + extra).putInt(0x02014b50).putShort((short) 45).putShort((short) 45)
                .putShort((short) 0x800).putShort((short) m.method()).putShort((short) 0).putShort((short) 0x21)
                .putInt((int) m.crc())
                .putInt(zip64 ? -1 : (int) m.compressedSize()).putInt(zip64 ? -1 : (int) m.size())
                .putShort((short) name.length).putShort((short) extra).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putInt(0).putInt(zip64 ? -1 : (int) m.localAt()).put(name);
        if (zip64) {
            b.putShort((short) 1).putShort((short) 24).putLong(m.size()).putLong(m.compressedSize()).putLong(m.localAt());
        }
        return b.array();
    }

    public static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    public static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return compressed.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
