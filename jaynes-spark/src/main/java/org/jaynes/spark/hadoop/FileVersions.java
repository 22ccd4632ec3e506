package org.jaynes.spark.hadoop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.PathHandle;

/**
 * The versions of a model's files on stores that can name one, taken once, so that every read of the model,
 * on every machine, is of those versions or fails: on S3 the object's ETag, on HDFS a handle to the file's
 * inode and content ({@code PathHandle}, exact). While a set is {@linkplain #whilePinned pinned} on a thread,
 * a channel opened there on one of its files takes the pinned status instead of asking the store again (a
 * request per channel, and a channel is opened per 4 MiB window), and its stream is opened on that version
 * (S3A then sends the ETag with every request; HDFS opens the inode the handle names): a file rewritten since
 * then fails to read ("changed while it was read") instead of giving bytes of the new version to an analysis
 * that began on the old one. Files on other stores, and local files, are not pinned. Immutable; equal when
 * the files and versions are.
 */
public final class FileVersions implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final ThreadLocal<Map<org.apache.hadoop.fs.Path, Pinned>> PINNED =
            ThreadLocal.withInitial(HashMap::new);

    /**
     * One file's version: its status (with its ETag on S3) and, where the store gives one, a handle that
     * opens that version only.
     */
    record Pinned(FileStatus status, PathHandle handle) implements Serializable {
    }

    private final List<Pinned> files;

    private FileVersions(List<Pinned> files) {
        this.files = List.copyOf(files);
    }

    /**
     * The current versions of {@code files} on stores that can name one; a file of another store, a local one,
     * a folder or a missing one (whose opening will say so) is left out. A file pinned on this thread keeps its
     * pinned version.
     */
    public static FileVersions of(Collection<Path> files) throws IOException {
        List<Pinned> pinned = new ArrayList<>();
        for (Path file : files) {
            if (file instanceof HadoopPath hadoopPath) {
                Pinned known = pinned(hadoopPath.hadoopPath());
                Pinned version = known != null ? known : version(hadoopPath);
                if (version != null) {
                    pinned.add(version);
                }
            }
        }
        return new FileVersions(pinned);
    }

    /** The file's version now, or null when it is missing, a folder, or its store names no versions. */
    private static Pinned version(HadoopPath file) throws IOException {
        FileSystem hadoop = file.getFileSystem().hadoop();
        FileStatus status;
        try {
            status = hadoop.getFileStatus(file.hadoopPath());
        } catch (FileNotFoundException e) {
            return null;
        }
        if (!status.isFile()) {
            return null;
        }
        if (etag(status) != null) {
            return new Pinned(status, null);
        }
        try {
            return new Pinned(status, hadoop.getPathHandle(status, Options.HandleOpt.exact()));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // a store without handles, or without one for this kind of file: read as it is when read
            return null;
        }
    }

    /** What {@code work} gives, run with these versions pinned on this thread (pins nest). */
    public <T, E extends Exception> T whilePinned(Work<T, E> work) throws E {
        Map<org.apache.hadoop.fs.Path, Pinned> pinned = PINNED.get();
        Map<org.apache.hadoop.fs.Path, Pinned> before = new HashMap<>(pinned);
        for (Pinned file : files) {
            pinned.put(file.status().getPath(), file);
        }
        try {
            return work.run();
        } finally {
            pinned.clear();
            pinned.putAll(before);
        }
    }

    /** Work done with versions pinned. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** The version pinned for {@code file} on this thread, or null. */
    static Pinned pinned(org.apache.hadoop.fs.Path file) {
        return PINNED.get().get(file);
    }

    /** The one line for a file whose pinned version the store no longer has: refused by S3 or by HDFS. */
    static IOException changed(String file, IOException cause) {
        return new IOException(file + ": changed while it was read (the store no longer has the version the "
                + "analysis began with)", cause);
    }

    /** The version a status names (its ETag), or null when its store names none. */
    static String etag(FileStatus status) {
        return status instanceof EtagSource source ? source.getEtag() : null;
    }

    /** Whether two statuses describe the same version of a file: its length, time and ETag. */
    static boolean sameVersion(FileStatus a, FileStatus b) {
        return a.getLen() == b.getLen() && a.getModificationTime() == b.getModificationTime()
                && Objects.equals(etag(a), etag(b));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FileVersions versions) || versions.files.size() != files.size()) {
            return false;
        }
        for (int i = 0; i < files.size(); i++) {
            FileStatus a = files.get(i).status();
            FileStatus b = versions.files.get(i).status();
            if (!a.getPath().equals(b.getPath()) || !sameVersion(a, b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (Pinned file : files) {
            FileStatus status = file.status();
            hash = 31 * hash + Objects.hash(status.getPath(), status.getLen(), etag(status));
        }
        return hash;
    }

    @Override
    public String toString() {
        return files.stream().map(f -> f.status().getPath() + "@" + f.status().getModificationTime()).toList()
                .toString();
    }
}
