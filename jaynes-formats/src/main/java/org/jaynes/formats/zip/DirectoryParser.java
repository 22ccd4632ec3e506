package org.jaynes.formats.zip;

import static org.jaynes.formats.zip.ZipDirectory.BAD_ENTRY;
import static org.jaynes.formats.zip.ZipDirectory.BAD_LOCAL_HEADER;
import static org.jaynes.formats.zip.ZipDirectory.BAD_ZIP64;
import static org.jaynes.formats.zip.ZipDirectory.DATA_IN_DIRECTORY;
import static org.jaynes.formats.zip.ZipDirectory.DATA_OUTSIDE;
import static org.jaynes.formats.zip.ZipDirectory.DIRECTORY_OUTSIDE;
import static org.jaynes.formats.zip.ZipDirectory.DIRECTORY_TOO_LARGE;
import static org.jaynes.formats.zip.ZipDirectory.DUPLICATE_NAME;
import static org.jaynes.formats.zip.ZipDirectory.ENCRYPTED;
import static org.jaynes.formats.zip.ZipDirectory.ESCAPING_NAME;
import static org.jaynes.formats.zip.ZipDirectory.MAX_DIRECTORY_BYTES;
import static org.jaynes.formats.zip.ZipDirectory.MULTI_DISK;
import static org.jaynes.formats.zip.ZipDirectory.NO_END_RECORD;
import static org.jaynes.formats.zip.ZipDirectory.OVERLAP;
import static org.jaynes.formats.zip.ZipDirectory.TOO_MANY_ENTRIES;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;

/**
 * Reads and checks a zip archive's central directory and local headers, in the order the bytes are met;
 * {@link ZipDirectory} says what is refused.
 */
final class DirectoryParser {

    private static final int END_SIGNATURE = 0x0605_4b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x0706_4b50;
    private static final int ZIP64_END_SIGNATURE = 0x0606_4b50;
    private static final int ENTRY_SIGNATURE = 0x0201_4b50;
    private static final int LOCAL_SIGNATURE = 0x0403_4b50;
    private static final int END_BYTES = 22;
    private static final int ZIP64_LOCATOR_BYTES = 20;
    private static final int ZIP64_END_BYTES = 56;
    private static final int ENTRY_BYTES = 46;
    private static final int LOCAL_BYTES = 30;
    private static final long U32_MAX = 0xFFFF_FFFFL;

    private final Path file;
    private final FileChannel channel;
    private final long size;

    DirectoryParser(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
    }

    List<ZipMember> members() throws IOException, ModelFormatException {
        long end = findEndRecord();
        ByteBuffer record = read(end, END_BYTES);
        long count = record.getShort(10) & 0xFFFF;
        long directorySize = record.getInt(12) & U32_MAX;
        long directoryOffset = record.getInt(16) & U32_MAX;
        long directoryLimit = end;
        if ((record.getShort(4) & 0xFFFF) != 0 || (record.getShort(6) & 0xFFFF) != 0
                || count != (record.getShort(8) & 0xFFFF)) {
            throw error(end, MULTI_DISK);
        }
        if (count == 0xFFFF || directorySize == U32_MAX || directoryOffset == U32_MAX) {
            long zip64At = zip64EndAt(end);
            ByteBuffer zip64 = zip64End(zip64At);
            count = zip64.getLong(32);
            directorySize = zip64.getLong(40);
            directoryOffset = zip64.getLong(48);
            directoryLimit = zip64At;
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset > directoryLimit
                || directorySize > directoryLimit - directoryOffset) {
            throw error(end, DIRECTORY_OUTSIDE, directorySize, directoryOffset, directoryLimit);
        }
        if (directorySize > MAX_DIRECTORY_BYTES) {
            throw error(end, DIRECTORY_TOO_LARGE, directorySize, MAX_DIRECTORY_BYTES);
        }
        if (count < 0 || count > directorySize / ENTRY_BYTES) {
            throw error(end, TOO_MANY_ENTRIES, directorySize, Long.toUnsignedString(count));
        }
        ByteBuffer directory = read(directoryOffset, (int) directorySize);
        List<ZipMember> members = new ArrayList<>((int) count);
        Map<String, ZipMember> names = new HashMap<>();
        for (int i = 0; i < count; i++) {
            ZipMember member = entry(directory, directoryOffset, i);
            if (names.putIfAbsent(member.name(), member) != null) {
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

    /** Where the zip64 end record is, from the locator just before the end record. */
    private long zip64EndAt(long end) throws IOException, ModelFormatException {
        if (end < ZIP64_LOCATOR_BYTES) {
            throw error(end, BAD_ZIP64);
        }
        long locatorAt = end - ZIP64_LOCATOR_BYTES;
        ByteBuffer locator = read(locatorAt, ZIP64_LOCATOR_BYTES);
        if (locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
            throw error(locatorAt, BAD_ZIP64);
        }
        if (locator.getInt(4) != 0 || locator.getInt(16) != 1) {
            throw error(locatorAt, MULTI_DISK);
        }
        long at = locator.getLong(8);
        if (at < 0 || at > locatorAt - ZIP64_END_BYTES) {
            throw error(locatorAt, BAD_ZIP64);
        }
        return at;
    }

    private ByteBuffer zip64End(long at) throws IOException, ModelFormatException {
        ByteBuffer record = read(at, ZIP64_END_BYTES);
        if (record.getInt(0) != ZIP64_END_SIGNATURE) {
            throw error(at, BAD_ZIP64);
        }
        if (record.getInt(16) != 0 || record.getInt(20) != 0 || record.getLong(24) != record.getLong(32)) {
            throw error(at, MULTI_DISK);
        }
        return record;
    }

    private ZipMember entry(ByteBuffer directory, long base, int index) throws IOException, ModelFormatException {
        int at = directory.position();
        long fileAt = base + at;
        if (directory.remaining() < ENTRY_BYTES || directory.getInt(at) != ENTRY_SIGNATURE) {
            throw error(fileAt, BAD_ENTRY, index, "no central directory signature");
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
        if (ZipDirectory.escapes(name)) {
            throw error(fileAt, ESCAPING_NAME, name);
        }
        long dataAt = dataOffset(name, method, sizes[2], fileAt, base);
        if (sizes[1] > size - dataAt) {
            throw error(sizes[2], DATA_OUTSIDE, name, sizes[1], dataAt, size);
        }
        if (sizes[1] > base - dataAt) {
            throw error(sizes[2], DATA_IN_DIRECTORY, name, sizes[1], dataAt, base);
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
                throw error(fileAt, BAD_ENTRY, index, "its extra field runs past the entry");
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

    /**
     * Reads the local header at {@code local}, which must lie before the directory at {@code directoryAt}
     * and agree with it; returns the data offset.
     */
    private long dataOffset(String name, int method, long local, long fileAt, long directoryAt)
            throws IOException, ModelFormatException {
        if (local > directoryAt - LOCAL_BYTES) {
            throw error(fileAt, BAD_LOCAL_HEADER, name,
                    MessageText.format("at byte %d does not lie before the central directory at byte %d", local,
                            directoryAt));
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
        byte[] found = read(local + LOCAL_BYTES, nameLength).array();
        if (!Arrays.equals(name.getBytes(StandardCharsets.UTF_8), found)
                && !new String(found, StandardCharsets.ISO_8859_1).equals(name)) {
            throw error(local, BAD_LOCAL_HEADER, name,
                    MessageText.format("names another file: \"%s\"", new String(found, StandardCharsets.UTF_8)));
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
            if (after.localHeaderAt() - before.dataAt() < before.compressedSize()) {
                throw error(after.localHeaderAt(), OVERLAP, after.name(), before.name());
            }
        }
    }

    private ByteBuffer read(long position, int length) throws IOException {
        return ZipDirectory.readFully(file, channel, position, length);
    }

    private ModelFormatException error(long offset, String template, Object... args) {
        return ModelFormatException.at(file, offset, template, args);
    }
}
