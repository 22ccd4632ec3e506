package org.jaynes.formats.pytorch;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jaynes.formats.ModelFormatException;

/**
 * The checked central directory of a zip file: every entry's name, compression method, sizes and
 * where its data starts, so that stored entries can be mapped in place.
 *
 * <p>The end-of-central-directory record is found in the file's last 64 KiB, then the zip64 end
 * record when there is one ({@code torch.save} always writes one) and zip64 sizes and offsets in each
 * entry's extra field. An entry's data starts after its local header, whose name and extra field
 * lengths are read when the entry is {@linkplain #dataStart(Entry) asked for}. Every entry must lie
 * before the central directory, single-disk, and carry a name that stays inside the archive (no
 * absolute path, drive letter, backslash or {@code ..} segment): jaynes extracts nothing, but a
 * name that escapes marks a file made to attack other tools. Reading costs two small reads and one
 * read of the central directory, at most {@link #MAX_DIRECTORY_BYTES}.
 */
final class ZipDirectory {

    static final String NO_END_RECORD = "no zip end-of-central-directory record: the file is truncated or not a zip";
    static final String MULTI_DISK = "zip archive spans several disks, which jaynes does not read";
    static final String BAD_ZIP64 = "zip64 end record at byte %d is missing or damaged";
    static final String DIRECTORY_OUTSIDE =
            "zip central directory [%d, %d) does not lie before its end record at byte %d";
    static final String DIRECTORY_TOO_LARGE = "zip central directory of %d bytes is over the limit of %d";
    static final String BAD_ENTRY = "zip central directory entry %d is damaged (%s)";
    static final String ESCAPING_NAME = "zip entry name \"%s\" escapes the archive (absolute path, drive, backslash or '..')";
    static final String DUPLICATE_NAME = "zip entry name \"%s\" occurs twice";
    static final String ENTRY_OUTSIDE = "zip entry %s: its data [%d, %d) runs past the central directory at byte %d";
    static final String BAD_LOCAL_HEADER = "zip entry %s: no local file header at byte %d";

    /** The longest central directory read: 100 bytes an entry leaves room for a million entries. */
    static final int MAX_DIRECTORY_BYTES = 1 << 26;

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_LOCATOR_SIZE = 20;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ZIP64_END_SIZE = 56;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int LOCAL_SIZE = 30;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final long MAX_16 = 0xffff;
    private static final long MAX_32 = 0xffffffffL;

    /**
     * One entry of the central directory.
     *
     * @param name           its name
     * @param flags          the general-purpose bit flags (bit 0: encrypted)
     * @param method         0 stored, 8 deflated, ...
     * @param compressedSize bytes of its data in the file
     * @param size           bytes of its data once uncompressed
     * @param headerOffset   file offset of its local header
     */
    record Entry(String name, int flags, int method, long compressedSize, long size, long headerOffset) {

        static final int STORED = 0;
        static final int DEFLATED = 8;

        boolean encrypted() {
            return (flags & 1) != 0;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final long directoryStart;
    private final List<Entry> entries;
    private final Map<String, Entry> byName;

    private ZipDirectory(Path file, FileChannel channel, long directoryStart, List<Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.directoryStart = directoryStart;
        this.entries = List.copyOf(entries);
        this.byName = new HashMap<>();
        for (Entry e : entries) {
            byName.put(e.name(), e);
        }
    }

    /** Reads and checks the central directory of the zip file open in {@code channel}. */
    static ZipDirectory read(Path file, FileChannel channel) throws IOException, ModelFormatException {
        long size = channel.size();
        int tail = (int) Math.min(size, END_SIZE + MAX_16);
        ByteBuffer end = readFully(channel, size - tail, tail);
        int at = -1;
        for (int i = tail - END_SIZE; i >= 0; i--) {
            if (end.getInt(i) == END_SIGNATURE && i + END_SIZE + (end.getShort(i + 20) & 0xffff) <= tail) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw ModelFormatException.at(file, Math.max(0, size - 1), NO_END_RECORD);
        }
        long endOffset = size - tail + at;
        if (end.getShort(at + 4) != 0 || end.getShort(at + 6) != 0) {
            throw ModelFormatException.at(file, endOffset, MULTI_DISK);
        }
        long count = end.getShort(at + 10) & MAX_16;
        long directorySize = end.getInt(at + 12) & MAX_32;
        long directoryStart = end.getInt(at + 16) & MAX_32;
        long directoryEnd = endOffset;
        if (endOffset >= ZIP64_LOCATOR_SIZE
                && readFully(channel, endOffset - ZIP64_LOCATOR_SIZE, 4).getInt(0) == ZIP64_LOCATOR_SIGNATURE) {
            ByteBuffer locator = readFully(channel, endOffset - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
            long end64 = locator.getLong(8);
            if (end64 < 0 || end64 > endOffset - ZIP64_LOCATOR_SIZE - ZIP64_END_SIZE) {
                throw ModelFormatException.at(file, endOffset - ZIP64_LOCATOR_SIZE, BAD_ZIP64, end64);
            }
            ByteBuffer record = readFully(channel, end64, ZIP64_END_SIZE);
            if (record.getInt(0) != ZIP64_END_SIGNATURE) {
                throw ModelFormatException.at(file, end64, BAD_ZIP64, end64);
            }
            if (record.getInt(16) != 0 || record.getInt(20) != 0) {
                throw ModelFormatException.at(file, end64, MULTI_DISK);
            }
            count = record.getLong(32);
            directorySize = record.getLong(40);
            directoryStart = record.getLong(48);
            directoryEnd = end64;
        }
        if (directoryStart < 0 || directorySize < 0 || directoryStart > directoryEnd - directorySize) {
            throw ModelFormatException.at(file, endOffset, DIRECTORY_OUTSIDE, directoryStart,
                    directoryStart + directorySize, directoryEnd);
        }
        if (directorySize > MAX_DIRECTORY_BYTES) {
            throw ModelFormatException.at(file, directoryStart, DIRECTORY_TOO_LARGE, directorySize, MAX_DIRECTORY_BYTES);
        }
        ByteBuffer directory = readFully(channel, directoryStart, (int) directorySize);
        List<Entry> entries = parseEntries(file, directory, directoryStart, count);
        return new ZipDirectory(file, channel, directoryStart, entries);
    }

    private static List<Entry> parseEntries(Path file, ByteBuffer directory, long base, long count)
            throws ModelFormatException {
        if (count < 0 || count > directory.capacity() / CENTRAL_SIZE) {
            throw ModelFormatException.at(file, base, BAD_ENTRY, 0, "the directory cannot hold " + count + " entries");
        }
        List<Entry> entries = new ArrayList<>((int) count);
        Map<String, Entry> seen = new HashMap<>();
        int p = 0;
        for (int i = 0; i < count; i++) {
            long at = base + p;
            if (p > directory.capacity() - CENTRAL_SIZE || directory.getInt(p) != CENTRAL_SIGNATURE) {
                throw ModelFormatException.at(file, at, BAD_ENTRY, i, "no central directory signature");
            }
            int nameLength = directory.getShort(p + 28) & 0xffff;
            int extraLength = directory.getShort(p + 30) & 0xffff;
            int commentLength = directory.getShort(p + 32) & 0xffff;
            int next = p + CENTRAL_SIZE + nameLength + extraLength + commentLength;
            if (next > directory.capacity()) {
                throw ModelFormatException.at(file, at, BAD_ENTRY, i, "it runs past the directory");
            }
            byte[] nameBytes = new byte[nameLength];
            directory.get(p + CENTRAL_SIZE, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            if (escapes(name)) {
                throw ModelFormatException.at(file, at, ESCAPING_NAME, name);
            }
            long compressed = directory.getInt(p + 20) & MAX_32;
            long size = directory.getInt(p + 24) & MAX_32;
            long header = directory.getInt(p + 42) & MAX_32;
            int extra = p + CENTRAL_SIZE + nameLength;
            int extraEnd = extra + extraLength;
            while (extra + 4 <= extraEnd) {
                int id = directory.getShort(extra) & 0xffff;
                int length = directory.getShort(extra + 2) & 0xffff;
                int q = extra + 4;
                if (q + length > extraEnd) {
                    throw ModelFormatException.at(file, at, BAD_ENTRY, i, "extra field runs past the entry");
                }
                if (id == ZIP64_EXTRA) {
                    int fieldEnd = q + length;
                    if (size == MAX_32) {
                        size = zip64Field(file, directory, q, fieldEnd, at, i);
                        q += 8;
                    }
                    if (compressed == MAX_32) {
                        compressed = zip64Field(file, directory, q, fieldEnd, at, i);
                        q += 8;
                    }
                    if (header == MAX_32) {
                        header = zip64Field(file, directory, q, fieldEnd, at, i);
                    }
                }
                extra += 4 + length;
            }
            Entry entry = new Entry(name, directory.getShort(p + 8) & 0xffff, directory.getShort(p + 10) & 0xffff,
                    compressed, size, header);
            if (seen.put(name, entry) != null) {
                throw ModelFormatException.at(file, at, DUPLICATE_NAME, name);
            }
            entries.add(entry);
            p = next;
        }
        return entries;
    }

    private static long zip64Field(Path file, ByteBuffer directory, int q, int end, long at, int i)
            throws ModelFormatException {
        long value = q + 8 <= end ? directory.getLong(q) : -1;
        if (value < 0) {
            throw ModelFormatException.at(file, at, BAD_ENTRY, i, "zip64 extra field too short or negative");
        }
        return value;
    }

    /** Whether an entry name would land outside the folder it were extracted to. */
    static boolean escapes(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || name.length() >= 2 && name.charAt(1) == ':') {
            return true;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    Path file() {
        return file;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The entry with this name, or null. */
    Entry find(String name) {
        return byName.get(name);
    }

    /** The file offset of an entry's data, from its local header; checked to end before the directory. */
    long dataStart(Entry entry) throws IOException, ModelFormatException {
        long header = entry.headerOffset();
        if (header > directoryStart - LOCAL_SIZE) {
            throw ModelFormatException.at(file, header, BAD_LOCAL_HEADER, entry.name(), header);
        }
        ByteBuffer local = readFully(channel, header, LOCAL_SIZE);
        if (local.getInt(0) != LOCAL_SIGNATURE) {
            throw ModelFormatException.at(file, header, BAD_LOCAL_HEADER, entry.name(), header);
        }
        long start = header + LOCAL_SIZE + (local.getShort(26) & 0xffff) + (local.getShort(28) & 0xffff);
        if (start > directoryStart || entry.compressedSize() > directoryStart - start) {
            throw ModelFormatException.at(file, header, ENTRY_OUTSIDE, entry.name(), start,
                    start + entry.compressedSize(), directoryStart);
        }
        return start;
    }

    /** Bytes {@code [offset, offset + length)} of the file. */
    byte[] bytes(long offset, int length) throws IOException {
        return readFully(channel, offset, length).array();
    }

    /** Reads {@code length} bytes at {@code offset}, little-endian. */
    static ByteBuffer readFully(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new EOFException("end of file at byte " + (offset + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
