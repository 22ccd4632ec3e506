package org.jaynes.spark.hadoop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.PathIOException;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * A read-only {@link FileChannel} over a Hadoop stream: every read is a positioned read of all the bytes
 * asked for that the file has ({@code PositionedReadable.readFully(position, …)}, straight into a direct
 * buffer where the stream can), so the readers' windows fetch just their bytes from HDFS or S3. The stream
 * is one of the file's kept streams, the channel's alone until it is closed ({@link OpenStreams}). A mapping, which a
 * Hadoop stream cannot give, is made of a local copy of the region in the temporary folder, deleted as soon
 * as it is mapped: the ONNX and TFLite readers map their metadata. Not thread-safe, like the readers' use of
 * it (one channel per read).
 */
final class HadoopFileChannel extends FileChannel {

    /** Bytes copied at once between Hadoop's stream and a buffer that has no array. */
    private static final int COPY_BYTES = 1 << 20;

    private final OpenStreams.Lent stream;
    private final FSDataInputStream in;
    private final boolean readsIntoBuffers;
    private final long size;
    private final String file;
    private long position;

    HadoopFileChannel(OpenStreams.Lent stream, long size, String file) {
        this.stream = stream;
        this.in = stream.in();
        this.readsIntoBuffers = in.hasCapability(StreamCapabilities.PREADBYTEBUFFER);
        this.size = size;
        this.file = file;
    }

    @Override
    public int read(ByteBuffer target, long at) throws IOException {
        try {
            return readFully(target, at);
        } catch (PathIOException e) {
            // S3A's refusal of a version the store no longer holds (FileVersions): one line, not S3's. By name,
            // since the S3A connector need not be on the class path of a cluster that reads only HDFS.
            if (e.getClass().getName().equals("org.apache.hadoop.fs.s3a.RemoteFileChangedException")) {
                throw FileVersions.changed(file, e);
            }
            throw e;
        }
    }

    private int readFully(ByteBuffer target, long at) throws IOException {
        if (at >= size) {
            return -1;
        }
        int wanted = (int) Math.min(target.remaining(), size - at);
        if (target.hasArray()) {
            in.readFully(at, target.array(), target.arrayOffset() + target.position(), wanted);
            target.position(target.position() + wanted);
        } else if (readsIntoBuffers) {
            ByteBuffer part = target.slice().limit(wanted);
            in.readFully(at, part);
            target.position(target.position() + wanted);
        } else {
            byte[] copy = new byte[Math.min(wanted, COPY_BYTES)];
            for (int done = 0; done < wanted; ) {
                int length = Math.min(copy.length, wanted - done);
                in.readFully(at + done, copy, 0, length);
                target.put(copy, 0, length);
                done += length;
            }
        }
        return wanted;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        int read = read(target, position);
        if (read > 0) {
            position += read;
        }
        return read;
    }

    @Override
    public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int read = read(targets[i]);
            if (read < 0) {
                return total == 0 ? -1 : total;
            }
            total += read;
            if (targets[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public FileChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    /** A read-only mapping of a local copy of {@code [at, at + length)}. */
    @Override
    public MappedByteBuffer map(MapMode mode, long at, long length) throws IOException {
        if (mode != MapMode.READ_ONLY) {
            throw new NonWritableChannelException();
        }
        java.nio.file.Path copy = Files.createTempFile("jaynes-hadoop-", ".region");
        try {
            try (FileChannel local = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                if (transferTo(at, length, local) < length) {
                    throw new java.io.EOFException("the file ends before byte " + (at + length));
                }
            }
            try (FileChannel local = FileChannel.open(copy, StandardOpenOption.READ)) {
                return local.map(MapMode.READ_ONLY, 0, length);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Override
    protected void implCloseChannel() throws IOException {
        stream.release();
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer source, long at) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // nothing is ever written
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(COPY_BYTES, Math.max(1, count)));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int read = read(buffer, at + done);
            if (read <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                target.write(buffer);
            }
            done += read;
        }
        return done;
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileLock lock(long at, long length, boolean shared) {
        throw new UnsupportedOperationException("a Hadoop file cannot be locked");
    }

    @Override
    public FileLock tryLock(long at, long length, boolean shared) {
        throw new UnsupportedOperationException("a Hadoop file cannot be locked");
    }
}
