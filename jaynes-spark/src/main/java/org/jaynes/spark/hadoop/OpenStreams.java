package org.jaynes.spark.hadoop;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.InvalidPathHandleException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathHandle;

/**
 * The open streams of one Hadoop file system's files, kept from one channel to the next. A tensor's bytes are
 * read through a channel opened for each window ({@code core.tensor.FileRegion}), and opening a file on HDFS
 * asks the NameNode for its block locations and sets up a reader (on S3, a request): milliseconds per
 * window, where the read itself may take less. So a channel takes an open stream of its file that no other
 * channel is using, and gives it back when it is closed; a stream is opened only when all of the file's are
 * in use. Each channel thus has a stream to itself: S3A serialises the positioned reads of one stream (it
 * seeks, reads and seeks back under the stream's lock), so threads sharing one would read a file one request
 * at a time. A file's streams are opened again when its length, modification time or ETag has changed. At most
 * {@value #KEPT} files keep their idle streams; the least recently used file's are closed, and its streams
 * in use when their channels close. Thread-safe.
 */
final class OpenStreams {

    /** Files whose streams stay open: the files of the few models a survey reads at once. */
    static final int KEPT = 16;

    private final FileSystem hadoop;
    private final Map<Path, FileStreams> files = new LinkedHashMap<>(KEPT, 0.75f, true);

    OpenStreams(FileSystem hadoop) {
        this.hadoop = hadoop;
    }

    /** One file's streams that no channel is using, for the file as it was when they were opened. */
    private static final class FileStreams {

        private final FileStatus status;
        private final Deque<FSDataInputStream> idle = new ArrayDeque<>();
        private boolean dropped;

        private FileStreams(FileStatus status) {
            this.status = status;
        }

        private boolean isOf(FileStatus other) {
            return FileVersions.sameVersion(status, other);
        }
    }

    /** A stream in one channel's use; {@link #release} gives it back. */
    final class Lent {

        private final FileStreams file;
        private final FSDataInputStream in;

        private Lent(FileStreams file, FSDataInputStream in) {
            this.file = file;
            this.in = in;
        }

        FSDataInputStream in() {
            return in;
        }

        /** Ends the channel's use of the stream: kept for the next channel of its file, or closed. */
        void release() throws IOException {
            synchronized (OpenStreams.this) {
                if (!file.dropped) {
                    file.idle.push(in);
                    return;
                }
            }
            in.close();
        }
    }

    /**
     * A stream of the file {@code status} describes for one channel, opened by {@code handle} when it is not
     * null (the handle of that very version); {@link Lent#release} gives it back.
     */
    Lent acquire(FileStatus status, PathHandle handle) throws IOException {
        FileStreams file;
        synchronized (this) {
            file = files.get(status.getPath());
            if (file == null || !file.isOf(status)) {
                if (file != null) {
                    files.remove(status.getPath());
                    drop(file);
                }
                file = new FileStreams(status);
                files.put(status.getPath(), file);
                if (files.size() > KEPT) {
                    Iterator<FileStreams> eldest = files.values().iterator();
                    drop(eldest.next());
                    eldest.remove();
                }
            }
            FSDataInputStream idle = file.idle.poll();
            if (idle != null) {
                return new Lent(file, idle);
            }
        }
        // opened without the lock: an open may take a round trip, which other files' channels need not wait for
        return new Lent(file, open(status, handle));
    }

    /**
     * A new stream of the file: of the version {@code handle} names (HDFS opens that inode, and refuses if its
     * content has changed), or where the store names versions by ETag, of the version {@code status} names
     * (S3A then asks for that ETag with every request, so a rewritten file fails to read rather than mixing two
     * versions, and skips the status request of its own it would otherwise make).
     */
    private FSDataInputStream open(FileStatus status, PathHandle handle) throws IOException {
        if (handle != null) {
            try {
                return hadoop.open(handle);
            } catch (InvalidPathHandleException e) {
                throw FileVersions.changed(status.getPath().toString(), e);
            }
        }
        if (FileVersions.etag(status) == null) {
            return hadoop.open(status.getPath());
        }
        try {
            return hadoop.openFile(status.getPath()).withFileStatus(status).build().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while opening " + status.getPath());
        }
    }

    /** Stops keeping {@code file}'s streams: the idle ones closed now, those in use by their channels. */
    private static void drop(FileStreams file) throws IOException {
        file.dropped = true;
        for (FSDataInputStream in : file.idle) {
            in.close();
        }
        file.idle.clear();
    }
}
