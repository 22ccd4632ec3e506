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

/**
 * The versions of a model's files on stores that name a version (S3 and its kin: an ETag), taken once, so
 * that every read of the model, on every machine, is of those versions or fails. While a set is
 * {@linkplain #whilePinned pinned} on a thread, a channel opened there on one of its files takes the pinned
 * status instead of asking the store again (a HEAD request per channel, and a channel is opened per 4 MiB
 * window), and its stream asks the store for that ETag: a file rewritten since then fails to read ("changed
 * while it was read") instead of giving bytes of the new version to an analysis that began on the old one.
 * Files on stores without versions (HDFS, local files) are not pinned and are read as they are when read.
 * Immutable; equal when the files and versions are.
 */
public final class FileVersions implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final ThreadLocal<Map<org.apache.hadoop.fs.Path, FileStatus>> PINNED =
            ThreadLocal.withInitial(HashMap::new);

    /** The S3A statuses, which are serializable and carry their ETags. */
    private final List<FileStatus> statuses;

    private FileVersions(List<FileStatus> statuses) {
        this.statuses = List.copyOf(statuses);
    }

    /**
     * The current versions of {@code files} that are on a store naming versions; a file of another store, a
     * local one or a missing one (whose opening will say so) is left out. A file pinned on this thread keeps
     * its pinned version.
     */
    public static FileVersions of(Collection<Path> files) throws IOException {
        List<FileStatus> statuses = new ArrayList<>();
        for (Path file : files) {
            if (file instanceof HadoopPath hadoopPath) {
                FileStatus status = pinned(hadoopPath.hadoopPath());
                if (status == null) {
                    try {
                        status = hadoopPath.getFileSystem().hadoop().getFileStatus(hadoopPath.hadoopPath());
                    } catch (FileNotFoundException e) {
                        continue;
                    }
                }
                if (etag(status) != null) {
                    statuses.add(status);
                }
            }
        }
        return new FileVersions(statuses);
    }

    /** These versions and {@code more}'s, a file in both keeping this set's version. */
    public FileVersions with(FileVersions more) {
        List<FileStatus> all = new ArrayList<>(statuses);
        for (FileStatus status : more.statuses) {
            if (all.stream().noneMatch(known -> known.getPath().equals(status.getPath()))) {
                all.add(status);
            }
        }
        return new FileVersions(all);
    }

    /** What {@code work} gives, run with these versions pinned on this thread (pins nest). */
    public <T, E extends Exception> T whilePinned(Work<T, E> work) throws E {
        Map<org.apache.hadoop.fs.Path, FileStatus> pinned = PINNED.get();
        Map<org.apache.hadoop.fs.Path, FileStatus> before = new HashMap<>(pinned);
        for (FileStatus status : statuses) {
            pinned.put(status.getPath(), status);
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

    /** The status pinned for {@code file} on this thread, or null. */
    static FileStatus pinned(org.apache.hadoop.fs.Path file) {
        return PINNED.get().get(file);
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
        if (!(other instanceof FileVersions versions) || versions.statuses.size() != statuses.size()) {
            return false;
        }
        for (int i = 0; i < statuses.size(); i++) {
            FileStatus a = statuses.get(i);
            FileStatus b = versions.statuses.get(i);
            if (!a.getPath().equals(b.getPath()) || !sameVersion(a, b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (FileStatus status : statuses) {
            hash = 31 * hash + Objects.hash(status.getPath(), status.getLen(), etag(status));
        }
        return hash;
    }

    @Override
    public String toString() {
        return statuses.stream().map(s -> s.getPath() + "@" + etag(s)).toList().toString();
    }
}
