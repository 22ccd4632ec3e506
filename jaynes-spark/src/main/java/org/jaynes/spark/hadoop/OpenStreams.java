package org.jaynes.spark.hadoop;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The open streams of one Hadoop file system's files, kept from one channel to the next. A tensor's bytes are
 * read through a channel opened for each window ({@code core.tensor.FileRegion}), and opening a file on HDFS
 * asks the NameNode for its block locations and sets up a reader: milliseconds per window, where the read
 * itself may take less. So a file's channels share one stream: their reads are positioned reads, which never
 * move it and which Hadoop's {@code PositionedReadable} contract makes thread-safe. A stream is opened again
 * when its file's length or modification time has changed. At most {@value #KEPT} files stay open; the
 * least recently opened is closed once its last channel is. Thread-safe.
 */
final class OpenStreams {

    /** Files whose stream stays open: the files of the few models a survey reads at once. */
    static final int KEPT = 16;

    private final FileSystem hadoop;
    private final Map<Path, Shared> streams = new LinkedHashMap<>(KEPT, 0.75f, true);

    OpenStreams(FileSystem hadoop) {
        this.hadoop = hadoop;
    }

    /** One file's stream and the channels using it; closed when no longer kept and no channel uses it. */
    final class Shared {

        private final FSDataInputStream in;
        private final long length;
        private final long modified;
        private int users;
        private boolean dropped;

        private Shared(FSDataInputStream in, FileStatus status) {
            this.in = in;
            this.length = status.getLen();
            this.modified = status.getModificationTime();
        }

        FSDataInputStream in() {
            return in;
        }

        /** Ends one channel's use of the stream. */
        void release() throws IOException {
            synchronized (OpenStreams.this) {
                users--;
                if (dropped && users == 0) {
                    in.close();
                }
            }
        }

        private boolean isOf(FileStatus status) {
            return length == status.getLen() && modified == status.getModificationTime();
        }
    }

    /** The stream of the file {@code status} describes, for one more channel; {@link Shared#release} ends its use. */
    synchronized Shared acquire(FileStatus status) throws IOException {
        Shared known = streams.get(status.getPath());
        if (known == null || !known.isOf(status)) {
            if (known != null) {
                streams.remove(status.getPath());
                drop(known);
            }
            known = new Shared(hadoop.open(status.getPath()), status);
            streams.put(status.getPath(), known);
            if (streams.size() > KEPT) {
                Iterator<Shared> eldest = streams.values().iterator();
                drop(eldest.next());
                eldest.remove();
            }
        }
        known.users++;
        return known;
    }

    /** Stops keeping {@code shared}: closed now, or by its last channel. */
    private static void drop(OpenStreams.Shared shared) throws IOException {
        shared.dropped = true;
        if (shared.users == 0) {
            shared.in.close();
        }
    }
}
