package org.jaynes.formats.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jaynes.formats.ModelFormatException;

/**
 * Inflates a deflated zip entry once into a temporary file, for readers that need random access (jHDF
 * reading the HDF5 file of a re-zipped {@code .keras}), which deflate gives none.
 *
 * <p>Bounded: an entry may inflate to at most {@value #BUDGET_RATIO} times its compressed size, and never
 * less than {@value #MIN_BUDGET_MIB} MiB may be allowed (real weights compress by far less; a 1 MB archive
 * declaring a 1 GiB entry is a bomb), nor more than the temporary folder has room for. The declared size is
 * checked against this budget before anything is written, and {@link Inflation} holds the entry to its
 * declared size while writing. A failed copy is deleted at once; a good one when the JVM exits.
 *
 * <p>Copies live in a folder of jaynes's own in the temporary folder ({@code jaynes-inflated-USER}), each
 * named after the process that wrote it ({@code PID-random.inflated}). A killed process cannot delete its
 * copies, so the first extraction of each later process deletes the copies of processes no longer alive.
 * Memory: two 64 KiB buffers.
 */
public final class InflatedCopy {

    static final String OVER_BUDGET = "entry %s inflates to %d bytes from %d compressed; jaynes inflates at most "
            + "%d bytes to a temporary file for it (%d times its compressed size, at least %d MiB)";
    static final String NO_ROOM = "entry %s inflates to %d bytes, more than the %d bytes free in %s";

    static final int BUDGET_RATIO = 32;
    static final int MIN_BUDGET_MIB = 64;

    private static final String SUFFIX = ".inflated";
    private static final Pattern COPY_NAME = Pattern.compile("(\\d+)-.*" + Pattern.quote(SUFFIX));

    private static InflatedCopy shared;

    private final Path folder;
    private final long minBudget;

    InflatedCopy(Path folder, long minBudget) {
        this.folder = folder;
        this.minBudget = minBudget;
    }

    /** The path of a temporary file holding the entry's inflated bytes. */
    public static Path extract(Path zip, FileChannel channel, ZipMember member) throws IOException, ModelFormatException {
        return shared().copy(zip, channel, member);
    }

    /** The process's copier over jaynes's temporary folder, created (and swept of leftovers) on first use. */
    private static synchronized InflatedCopy shared() throws IOException {
        if (shared == null) {
            Path folder = ownFolder();
            shared = new InflatedCopy(folder, (long) MIN_BUDGET_MIB << 20);
            shared.removeLeftovers();
        }
        return shared;
    }

    /** {@code jaynes-inflated-USER} in the temporary folder, private to the user where the file system allows. */
    private static Path ownFolder() throws IOException {
        String owner = System.getProperty("user.name", "user");
        Path folder = Path.of(System.getProperty("java.io.tmpdir"),
                "jaynes-inflated-" + owner.replaceAll("[^A-Za-z0-9_.-]", "_"));
        try {
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectory(folder);
            }
        } catch (FileAlreadyExistsException exists) {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(folder)
                    || !Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName().equals(owner)) {
                return Files.createTempDirectory("jaynes-inflated-"); // someone else's, or a link: not ours to sweep
            }
        }
        return folder;
    }

    /** Deletes the copies of processes that are no longer alive; returns how many. */
    int removeLeftovers() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(folder)) {
            for (Path copy : copies) {
                Matcher name = COPY_NAME.matcher(copy.getFileName().toString());
                if (name.matches() && !alive(name.group(1)) && Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)
                        && Files.deleteIfExists(copy)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }

    Path copy(Path zip, FileChannel channel, ZipMember member) throws IOException, ModelFormatException {
        Inflation.checkDeclaredSize(zip, member);
        // compressed sizes are bounded by the archive's size, so the product cannot overflow
        long budget = Math.max(minBudget, member.compressedSize() * BUDGET_RATIO);
        if (member.size() > budget) {
            throw Inflation.error(zip, member, OVER_BUDGET, member.name(), member.size(), member.compressedSize(),
                    budget, BUDGET_RATIO, minBudget >> 20);
        }
        Path copy = Files.createTempFile(folder, ProcessHandle.current().pid() + "-", SUFFIX);
        boolean done = false;
        try {
            long free = Files.getFileStore(copy).getUsableSpace();
            if (member.size() > free) {
                throw Inflation.error(zip, member, NO_ROOM, member.name(), member.size(), free, folder);
            }
            try (FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                Inflation.inflateWhole(zip, channel, member, (bytes, length) -> {
                    ByteBuffer written = ByteBuffer.wrap(bytes, 0, length);
                    while (written.hasRemaining()) {
                        out.write(written);
                    }
                });
            }
            copy.toFile().deleteOnExit();
            done = true;
            return copy;
        } finally {
            if (!done) {
                Files.deleteIfExists(copy);
            }
        }
    }
}
