package org.jaynes.formats;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The files a model is read from, checked before any is opened: the one place that decides which files
 * jaynes may read.
 *
 * <p><b>Files the user names</b> ({@link #checkNamed}) may be links, and so may the top-level files of a
 * folder the user names; they must be regular files, not a FIFO (opening one would wait for a writer
 * forever), a socket, a device, or a file of the kernel's {@code /proc} and {@code /sys}; a named folder
 * must not be one of the kernel's either (its files are such files).
 *
 * <p><b>Files a model file refers to</b> ({@link #referenced}: ONNX external data, TF.js shards, the
 * shards of safetensors and PyTorch indexes) must lie inside the folder of the file that refers to them,
 * first by the reference's text and then by real path, every link followed ({@link Path#toRealPath}):
 * <ul>
 * <li>the text must be a relative path with no {@code ..} segment, no backslash, colon (drive letters,
 *     URLs) or NUL, naming something other than the folder itself;
 * <li>its real path must lie inside the real folder of the referring file. A Hugging Face cache snapshot
 *     (a folder of links into {@code ../../blobs/}) keeps working, since the model file and the files it
 *     names all resolve into {@code blobs/}; a reference that is, or passes through, a link leading
 *     anywhere else is refused with a message naming the link and where it leads.
 * </ul>
 * A reference is resolved against the referring file's folder as named, normalised first (so
 * {@code ../seed/model.json} reads its shards); the path returned is that one, not the real path, so
 * that messages and the order of shards keep the names the user sees.
 *
 * <p>What remains: a file swapped for a link between the check and the read is not detected (an
 * attacker who can write to the model's folder while jaynes reads it can change the model anyway).
 * Stateless and thread-safe.
 */
public final class ModelFiles {

    /** The reason for a named file that is not a regular file. */
    public static final String NOT_REGULAR = "not a regular file (a %s); jaynes reads models only from regular files";

    /** The reason for a named folder of the kernel's {@code /proc} or {@code /sys}. */
    public static final String KERNEL_FOLDER = "a folder of the kernel's %s file system, not of model files";

    /** The reason added to a reference's refusal when a link takes it out of the folder. */
    static final String LEADS_OUTSIDE = "%s leads to %s, outside %s";

    private ModelFiles() {
    }

    /**
     * Refuses a file or folder the user named that is neither a folder nor a regular file, before anything
     * opens it. Links are followed: a link to a model file is a model file.
     *
     * @throws ModelFormatException if {@code path} is missing, or is a FIFO, socket, device or kernel file
     * @throws IOException           if whether it exists cannot be told (a folder on the way that may not be
     *                               searched, a remote store that fails): {@link Files#exists} would say no
     */
    public static void checkNamed(Path path) throws ModelFormatException, IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            throw new ModelFormatException(path, ModelFormatException.NO_OFFSET, "no such file or folder");
        } catch (IOException failure) {
            throw ReadFailure.named(path, failure);
        }
        boolean folder = attributes.isDirectory();
        if (!folder && !attributes.isRegularFile()) {
            throw ModelFormatException.at(path, ModelFormatException.NO_OFFSET, NOT_REGULAR, kind(path));
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException | SecurityException unresolved) {
            return; // it exists and is regular; reading it will say what is wrong
        }
        if (real.startsWith("/proc") || real.startsWith("/sys")) {
            // a folder of the kernel's holds files such as /proc/self/mem, which fail or never end when read
            throw ModelFormatException.at(path, ModelFormatException.NO_OFFSET, folder ? KERNEL_FOLDER : NOT_REGULAR,
                    (folder ? "" : "file of the kernel's ") + "/" + real.getName(0) + (folder ? "" : " file system"));
        }
    }

    /**
     * The file that {@code referrer} names as {@code reference}, checked to be a regular file inside the
     * real folder of {@code referrer}.
     *
     * @param referrer  the model file holding the reference (itself possibly a link)
     * @param at        the byte of {@code referrer} where the reference is, for messages
     * @param reference the path as the model file spells it
     * @param outside   the reason to give when the reference leaves the folder (a link adds where it leads),
     *                  made only then, best with {@link MessageText#format}
     * @param missing   the reason to give, for the resolved path, when it names no regular file
     * @return {@code reference} resolved against the folder of {@code referrer}, normalised
     * @throws ModelFormatException at {@code at} of {@code referrer}, with one of the reasons
     */
    public static Path referenced(Path referrer, long at, String reference, Supplier<String> outside,
                                  Function<Path, String> missing) throws IOException, ModelFormatException {
        Path folder = folderOf(referrer);
        Path file = lexical(folder, reference);
        if (file == null) {
            throw new ModelFormatException(referrer, at, outside.get());
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(referrer, at, missing.apply(file));
        } catch (FileSystemException e) {
            // a loop of links, a name too long, a folder that cannot be entered
            String why = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            throw new ModelFormatException(referrer, at, missing.apply(file) + " (" + MessageText.name(why) + ")");
        }
        Path realFolder = folderOf(referrer.toRealPath());
        if (!real.startsWith(realFolder) || real.equals(realFolder)) {
            throw new ModelFormatException(referrer, at,
                    outside.get() + ": " + MessageText.format(LEADS_OUTSIDE, file, real, realFolder));
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelFormatException(referrer, at, missing.apply(file));
        }
        return file;
    }

    /** The folder of {@code file}, normalised ({@code ""} for a bare relative file name). */
    private static Path folderOf(Path file) {
        Path parent = file.normalize().getParent();
        if (parent != null) {
            return parent;
        }
        return file.isAbsolute() ? file.getRoot() : Path.of("");
    }

    /** {@code reference} resolved in {@code folder} when its text stays inside it, else null. */
    private static Path lexical(Path folder, String reference) {
        if (reference.isEmpty() || reference.startsWith("/") || reference.indexOf('\\') >= 0
                || reference.indexOf(':') >= 0 || reference.indexOf('\0') >= 0) {
            return null;
        }
        for (String segment : reference.split("/", -1)) {
            if (segment.equals("..")) {
                return null;
            }
        }
        Path file;
        try {
            Path relative = Path.of(reference);
            if (relative.isAbsolute()) {
                return null;
            }
            file = folder.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        return file.equals(folder) || file.toString().isEmpty() ? null : file;
    }

    /** What kind of file {@code path} is, in words, for {@link #NOT_REGULAR}. */
    private static String kind(Path path) {
        try {
            Object type = Files.readAttributes(path, "unix:mode").get("mode");
            if (type instanceof Integer mode) {
                return switch (mode & 0xf000) {
                    case 0x1000 -> "FIFO";
                    case 0x2000 -> "character device";
                    case 0x6000 -> "block device";
                    case 0xc000 -> "socket";
                    default -> "special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // no unix attributes here: say no more than the general kind
        }
        return "FIFO, socket, device or other special file";
    }
}
