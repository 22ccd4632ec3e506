package org.jaynes.formats.numpy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jaynes.formats.ModelFormatException;

/**
 * Reads the central directory of a zip archive (an {@code .npz}), zip64 aware, and finds where each
 * entry's data starts by reading its local header. Only the directory and the local headers are read;
 * the directory's size is bounded by the file, and it is read in one buffer of at most
 * {@value #MAX_DIRECTORY_BYTES} bytes.
 *
 * <p>Refused: archives split over several disks, encrypted entries, entries whose name escapes the
 * archive ({@code ../x}, {@code /x}, {@code C:x}, a backslash or NUL), duplicate names, local headers that
 * disagree with the directory, entry data outside the file, and entries that share bytes.
 *
 * <p>Public for the other readers of zip-based formats (Keras {@code .keras}).
 *
 * @see <a href="https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT">the zip specification</a>
 */
public final class ZipDirectory {

    static final String NO_END_RECORD = "not a zip archive: no end of central directory record";
    static final String MULTI_DISK = "zip archives split over several disks are not supported";
    static final String BAD_ZIP64 = "the zip64 end of central directory record is missing or broken";
    static final String DIRECTORY_OUTSIDE = "the central directory (%d bytes at byte %d) lies outside the file";
    static final String DIRECTORY_TOO_LARGE = "the central directory is %d bytes, over the limit of %d";
    static final String TOO_MANY_ENTRIES = "a central directory of %d bytes cannot hold the %s entries the end record claims";
    static final String BAD_ENTRY = "central directory entry %d is broken: %s";
    static final String ENCRYPTED = "entry %s is encrypted";
    static final String ESCAPING_NAME = "entry name %s escapes the archive";
    static final String DUPLICATE_NAME = "entry %s appears twice";
    static final String BAD_LOCAL_HEADER = "entry %s: its local header %s";
    static final String DATA_OUTSIDE = "entry %s: its %d bytes of data at byte %d end past the end of the file (%d bytes)";
    static final String OVERLAP = "entry %s shares bytes with entry %s";

    static final int MAX_DIRECTORY_BYTES = 64 << 20;

    private static final int END_SIGNATURE = 0x0605_4b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x0706_4b50;
    private static final int ZIP64_END_SIGNATURE = 0x0606_4b50;
    private static final int ENTRY_SIGNATURE = 0x0201_4b50;
    private static final int LOCAL_SIGNATURE = 0x0403_4b50;
    private static final int END_BYTES = 22;
    private static final int ENTRY_BYTES = 46;
    private static final int LOCAL_BYTES = 30;
    private static final long U32_MAX = 0xFFFF_FFFFL;

    private final Path file;
    private final FileChannel channel;
    private final long size;

    private ZipDirectory(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
    }

    /** Every entry of the archive, in directory order, with its data offset found and checked. */
    public static List<ZipMember> read(Path file, FileChannel channel) throws IOException, ModelFormatException {
        return new ZipDirectory(file, channel).members();
    }

    private List<ZipMember> members() throws IOException, ModelFormatException {
        long end = findEndRecord();
        ByteBuffer record = read(end, END_BYTES);
        long count = record.getShort(10) & 0xFFFF;
        long directorySize = record.getInt(12) & U32_MAX;
        long directoryOffset = record.getInt(16) & U32_MAX;
        if ((record.getShort(4) & 0xFFFF) != 0 || (record.getShort(6) & 0xFFFF) != 0
                || count != (record.getShort(8) & 0xFFFF)) {
            throw error(end, MULTI_DISK);
        }
        if (count == 0xFFFF || directorySize == U32_MAX || directoryOffset == U32_MAX) {
            long[] zip64 = zip64End(end);
            count = zip64[0];
            directorySize = zip64[1];
            directoryOffset = zip64[2];
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset > size || directorySize > size - directoryOffset) {
            throw error(end, DIRECTORY_OUTSIDE, directorySize, directoryOffset);
        }
        if (directorySize > MAX_DIRECTORY_BYTES) {
            throw error(end, DIRECTORY_TOO_LARGE, directorySize, MAX_DIRECTORY_BYTES);
        }
        if (count < 0 || count > directorySize / ENTRY_BYTES) {
            throw error(end, TOO_MANY_ENTRIES, directorySize, Long.toUnsignedString(count));
        }
        ByteBuffer directory = read(directoryOffset, (int) directorySize);
        List<ZipMember> members = new ArrayList<>((int) count);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < count; i++) {
            ZipMember member = entry(directory, directoryOffset, i);
            if (!names.add(member.name())) {
                throw error(member.directoryAt(), DUPLICATE_NAME, member.name());
            }
            members.add(member);
        }
        checkApart(members);
        return members;
    }

    /** The offset of the end record: the last signature in the final 64 KiB whose comment fits the file. */
    private long findEndRecord() throws IOException, ModelFormatException {
        int tail = (int) Math.min(size, END_BYTES + 0xFFFF);
        if (tail < END_BYTES) {
            throw error(0, NO_END_RECORD);
        }
        ByteBuffer bytes = read(size - tail, tail);
        for (int i = tail - END_BYTES; i >= 0; i--) {
            if (bytes.getInt(i) == END_SIGNATURE && i + END_BYTES + (bytes.getShort(i + 20) & 0xFFFF) <= tail) {
                return size - tail + i;
            }
        }
        throw error(0, NO_END_RECORD);
    }

    /** Entry count, directory size and directory offset from the zip64 end record. */
    private long[] zip64End(long end) throws IOException, ModelFormatException {
        if (end < 20) {
            throw error(end, BAD_ZIP64);
        }
        ByteBuffer locator = read(end - 20, 20);
        if (locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
            throw error(end - 20, BAD_ZIP64);
        }
        long at = locator.getLong(8);
        if (locator.getInt(4) != 0 || locator.getInt(16) != 1) {
            throw error(end - 20, MULTI_DISK);
        }
        if (at < 0 || at > end - 20 - 56) {
            throw error(end - 20, BAD_ZIP64);
        }
        ByteBuffer record = read(at, 56);
        if (record.getInt(0) != ZIP64_END_SIGNATURE) {
            throw error(at, BAD_ZIP64);
        }
        if (record.getInt(16) != 0 || record.getInt(20) != 0 || record.getLong(24) != record.getLong(32)) {
            throw error(at, MULTI_DISK);
        }
        return new long[] {record.getLong(32), record.getLong(40), record.getLong(48)};
    }

    private ZipMember entry(ByteBuffer directory, long base, int index) throws IOException, ModelFormatException {
        int at = directory.position();
        long fileAt = base + at;
        if (directory.remaining() < ENTRY_BYTES || directory.getInt(at) != ENTRY_SIGNATURE) {
            throw error(fileAt, BAD_ENTRY, index, "no entry signature");
        }
        int flags = directory.getShort(at + 8) & 0xFFFF;
        int method = directory.getShort(at + 10) & 0xFFFF;
        long crc = directory.getInt(at + 16) & U32_MAX;
        long compressed = directory.getInt(at + 20) & U32_MAX;
        long uncompressed = directory.getInt(at + 24) & U32_MAX;
        int nameLength = directory.getShort(at + 28) & 0xFFFF;
        int extraLength = directory.getShort(at + 30) & 0xFFFF;
        int commentLength = directory.getShort(at + 32) & 0xFFFF;
        long local = directory.getInt(at + 42) & U32_MAX;
        if (directory.remaining() < ENTRY_BYTES + nameLength + extraLength + commentLength) {
            throw error(fileAt, BAD_ENTRY, index, "its name, extra field and comment run past the directory");
        }
        String name = name(directory, at + ENTRY_BYTES, nameLength, (flags & 0x800) != 0, fileAt, index);
        ByteBuffer extra = directory.slice(at + ENTRY_BYTES + nameLength, extraLength).order(ByteOrder.LITTLE_ENDIAN);
        long[] sizes = {uncompressed, compressed, local};
        zip64Sizes(extra, sizes, fileAt, index);
        directory.position(at + ENTRY_BYTES + nameLength + extraLength + commentLength);
        if ((flags & 1) != 0) {
            throw error(fileAt, ENCRYPTED, name);
        }
        checkName(name, fileAt);
        long dataAt = dataOffset(name, method, sizes[2], fileAt);
        if (sizes[1] > size - dataAt) {
            throw error(sizes[2], DATA_OUTSIDE, name, sizes[1], dataAt, size);
        }
        return new ZipMember(name, method, crc, sizes[1], sizes[0], sizes[2], dataAt, fileAt);
    }

    /** Replaces the 0xFFFFFFFF sizes and offset with the values of the zip64 extra field, in its order. */
    private void zip64Sizes(ByteBuffer extra, long[] sizes, long fileAt, int index) throws ModelFormatException {
        boolean needed = sizes[0] == U32_MAX || sizes[1] == U32_MAX || sizes[2] == U32_MAX;
        while (needed && extra.remaining() >= 4) {
            int id = extra.getShort() & 0xFFFF;
            int length = extra.getShort() & 0xFFFF;
            if (length > extra.remaining()) {
                break;
            }
            if (id == 0x0001) {
                ByteBuffer field = extra.slice(extra.position(), length).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < 3; i++) {
                    if (sizes[i] == U32_MAX) {
                        if (field.remaining() < 8) {
                            throw error(fileAt, BAD_ENTRY, index, "its zip64 extra field is too short");
                        }
                        sizes[i] = field.getLong();
                        if (sizes[i] < 0) {
                            throw error(fileAt, BAD_ENTRY, index, "its zip64 sizes are over 2^63");
                        }
                    }
                }
                return;
            }
            extra.position(extra.position() + length);
        }
        if (needed) {
            throw error(fileAt, BAD_ENTRY, index, "it needs a zip64 extra field and has none");
        }
    }

    private String name(ByteBuffer directory, int at, int length, boolean utf8, long fileAt, int index)
            throws ModelFormatException {
        ByteBuffer bytes = directory.slice(at, length);
        Charset charset = utf8 ? StandardCharsets.UTF_8
                : Charset.isSupported("IBM437") ? Charset.forName("IBM437") : StandardCharsets.ISO_8859_1;
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw error(fileAt, BAD_ENTRY, index, "its name is not valid UTF-8");
        }
    }

    /** A name must stay inside the archive: relative, forward slashes only, no {@code ..} segment. */
    private void checkName(String name, long fileAt) throws ModelFormatException {
        boolean escapes = name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || name.length() > 1 && name.charAt(1) == ':';
        for (String segment : name.split("/", -1)) {
            escapes |= segment.equals("..");
        }
        if (escapes) {
            throw error(fileAt, ESCAPING_NAME, NpyHeader.printable(name.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Reads the local header at {@code local}: it must agree with the directory; returns the data offset. */
    private long dataOffset(String name, int method, long local, long fileAt) throws IOException, ModelFormatException {
        if (local > size - LOCAL_BYTES) {
            throw error(fileAt, BAD_LOCAL_HEADER, name, "at byte " + local + " lies outside the file");
        }
        ByteBuffer header = read(local, LOCAL_BYTES);
        if (header.getInt(0) != LOCAL_SIGNATURE) {
            throw error(local, BAD_LOCAL_HEADER, name, "has no local header signature");
        }
        if ((header.getShort(8) & 0xFFFF) != method) {
            throw error(local, BAD_LOCAL_HEADER, name, "names another compression method than the directory");
        }
        int nameLength = header.getShort(26) & 0xFFFF;
        int extraLength = header.getShort(28) & 0xFFFF;
        long dataAt = local + LOCAL_BYTES + nameLength + extraLength;
        if (dataAt > size) {
            throw error(local, BAD_LOCAL_HEADER, name, "runs past the end of the file");
        }
        ByteBuffer localName = read(local + LOCAL_BYTES, nameLength);
        byte[] expected = name.getBytes(StandardCharsets.UTF_8);
        byte[] found = new byte[nameLength];
        localName.get(found);
        if (!Arrays.equals(expected, found) && !new String(found, StandardCharsets.ISO_8859_1).equals(name)) {
            throw error(local, BAD_LOCAL_HEADER, name, "names another file: " + NpyHeader.printable(found));
        }
        return dataAt;
    }

    /** No two entries may share bytes: overlapping entries are how zip bombs multiply their data. */
    private void checkApart(List<ZipMember> members) throws ModelFormatException {
        List<ZipMember> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparingLong(ZipMember::localHeaderAt));
        for (int i = 1; i < sorted.size(); i++) {
            ZipMember before = sorted.get(i - 1);
            ZipMember after = sorted.get(i);
            if (after.localHeaderAt() < before.dataAt() + before.compressedSize()) {
                throw error(after.localHeaderAt(), OVERLAP, after.name(), before.name());
            }
        }
    }

    private ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException(file + ": the file shrank while it was read");
            }
        }
        return buffer.flip();
    }

    private ModelFormatException error(long offset, String template, Object... args) {
        return ModelFormatException.at(file, offset, template, args);
    }
}
