package org.jaynes.formats.zip;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;

/**
 * The checked central directory of a zip archive ({@code .npz}, {@code .keras}, a {@code torch.save}
 * checkpoint): every entry's name, method, sizes and where its data starts, so that stored entries can
 * be mapped in place and deflated ones inflated.
 *
 * <p>The end record is the last signature in the file's final 64 KiB whose comment fits the file; when it
 * defers a field to zip64 ({@code 0xFFFF}, {@code 0xFFFFFFFF}), the zip64 end record named by its locator
 * gives the count, size and offset, and each entry's zip64 extra field its sizes and offset. Each entry's
 * local header is read too, to find where its data starts. Reading costs the last 64 KiB, the directory (at
 * most {@value #MAX_DIRECTORY_BYTES} bytes, in one buffer) and one small read per entry.
 *
 * <p>Refused, each in one line naming the byte: archives split over several disks, encrypted entries, names
 * that escape the archive ({@code ../x}, {@code /x}, {@code C:x}, a backslash or NUL; jaynes extracts
 * nothing, but such a name marks a file made to attack other tools), duplicate names, a directory that does
 * not lie before its end record, local headers that disagree with the directory (another name, another
 * method), entry data outside the file or running into the directory, and entries that share bytes (how zip
 * bombs multiply their data). Messages never add two offsets, so a lying zip64 field cannot make one
 * overflow.
 *
 * @see <a href="https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT">the zip specification</a>
 */
public final class ZipDirectory {

    public static final String NO_END_RECORD = "not a zip archive: no end of central directory record";
    public static final String MULTI_DISK = "zip archives split over several disks are not supported";
    public static final String BAD_ZIP64 = "the zip64 end of central directory record is missing or broken";
    public static final String DIRECTORY_OUTSIDE =
            "the central directory (%d bytes at byte %d) does not lie before its end record at byte %d";
    public static final String DIRECTORY_TOO_LARGE = "the central directory is %d bytes, over the limit of %d";
    public static final String TOO_MANY_ENTRIES =
            "a central directory of %d bytes cannot hold the %s entries the end record claims";
    public static final String BAD_ENTRY = "central directory entry %d is broken: %s";
    public static final String ENCRYPTED = "entry %s is encrypted";
    public static final String ESCAPING_NAME = "entry name \"%s\" escapes the archive";
    public static final String DUPLICATE_NAME = "entry %s appears twice";
    public static final String BAD_LOCAL_HEADER = "entry %s: its local header %s";
    public static final String DATA_OUTSIDE =
            "entry %s: its %d bytes of data at byte %d end past the end of the file (%d bytes)";
    public static final String DATA_IN_DIRECTORY =
            "entry %s: its %d bytes of data at byte %d run into the central directory at byte %d";
    public static final String OVERLAP = "entry %s shares bytes with entry %s";

    /** The largest directory read: at about 100 bytes an entry, room for over half a million entries. */
    public static final int MAX_DIRECTORY_BYTES = 64 << 20;

    private final Path file;
    private final FileChannel channel;
    private final List<ZipMember> entries;
    private final Map<String, ZipMember> byName;

    private ZipDirectory(Path file, FileChannel channel, List<ZipMember> entries) {
        this.file = file;
        this.channel = channel;
        this.entries = List.copyOf(entries);
        this.byName = new HashMap<>();
        for (ZipMember entry : entries) {
            byName.put(entry.name(), entry);
        }
    }

    /** Reads and checks the directory of the archive open in {@code channel}. */
    public static ZipDirectory read(Path file, FileChannel channel) throws IOException, ModelFormatException {
        return new ZipDirectory(file, channel, new DirectoryParser(file, channel).members());
    }

    public Path file() {
        return file;
    }

    /** Every entry, in directory order, with its data offset found and checked. */
    public List<ZipMember> entries() {
        return entries;
    }

    /** The entry with this name. */
    public Optional<ZipMember> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Bytes {@code [offset, offset + length)} of the archive. */
    public byte[] bytes(long offset, int length) throws IOException {
        return readFully(file, channel, offset, length).array();
    }

    /**
     * The uncompressed bytes of an entry of at most {@code limit} bytes, stored or deflated (checked whole by
     * {@link Inflation}): for the small entries a reader holds in memory.
     */
    public byte[] contents(ZipMember entry, int limit) throws IOException, ModelFormatException {
        entry.requireReadable(file);
        if (entry.method() == ZipMember.DEFLATED) {
            return Inflation.toBytes(file, channel, entry, limit);
        }
        if (entry.size() > limit) {
            throw Inflation.error(file, entry, Inflation.TOO_LARGE_FOR_MEMORY, entry.name(), entry.size(), limit);
        }
        return bytes(entry.dataAt(), (int) entry.size());
    }

    /** Reads {@code length} bytes at {@code position}, little-endian; a file that ends first is an I/O error. */
    public static ByteBuffer readFully(Path file, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException(MessageText.path(file) + ": the file shrank while it was read");
            }
        }
        return buffer.flip();
    }

    /** Whether an entry name would land outside the folder it were extracted to. */
    static boolean escapes(String name) {
        boolean escapes = name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || name.length() > 1 && name.charAt(1) == ':';
        for (String segment : name.split("/", -1)) {
            escapes |= segment.equals("..");
        }
        return escapes;
    }
}
