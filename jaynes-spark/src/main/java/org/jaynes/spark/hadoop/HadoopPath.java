package org.jaynes.spark.hadoop;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * A path on a Hadoop file system ({@code hdfs://namenode:8020/zoo/model.safetensors}): the file system and
 * a Unix-style path inside it. The path's algebra (resolve, parent, normalise, relativise) is that of a
 * Unix path, which Hadoop's paths follow; {@link #toString} gives the whole URI, so that messages and
 * reports name the file as the user did. Immutable.
 */
final class HadoopPath implements Path {

    private final HadoopNioFileSystem fileSystem;
    /** The path inside the file system, as a Unix path of the default file system (used for its algebra only). */
    private final Path inside;

    HadoopPath(HadoopNioFileSystem fileSystem, Path inside) {
        this.fileSystem = fileSystem;
        this.inside = inside;
    }

    /** The Hadoop path of this file, for the file system's calls. */
    org.apache.hadoop.fs.Path hadoopPath() {
        return new org.apache.hadoop.fs.Path(toUri());
    }

    private HadoopPath wrap(Path path) {
        return path == null ? null : new HadoopPath(fileSystem, path);
    }

    private Path unwrap(Path other) {
        if (!(other instanceof HadoopPath path) || path.fileSystem != fileSystem) {
            throw new ProviderMismatchException(String.valueOf(other));
        }
        return path.inside;
    }

    @Override
    public HadoopNioFileSystem getFileSystem() {
        return fileSystem;
    }

    @Override
    public boolean isAbsolute() {
        return inside.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(inside.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(inside.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(inside.getParent());
    }

    @Override
    public int getNameCount() {
        return inside.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(inside.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(inside.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return other instanceof HadoopPath path && path.fileSystem == fileSystem && inside.startsWith(path.inside);
    }

    @Override
    public boolean endsWith(Path other) {
        return other instanceof HadoopPath path && path.fileSystem == fileSystem && inside.endsWith(path.inside);
    }

    @Override
    public Path normalize() {
        return wrap(inside.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(inside.resolve(unwrap(other)));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(inside.relativize(unwrap(other)));
    }

    @Override
    public URI toUri() {
        return fileSystem.uri(inside.toAbsolutePath().normalize().toString());
    }

    @Override
    public Path toAbsolutePath() {
        return wrap(inside.toAbsolutePath());
    }

    /** Hadoop's file systems have no links that a reader must follow: the real path is the normalised one. */
    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        fileSystem.provider().checkAccess(this);
        return wrap(inside.toAbsolutePath().normalize());
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("a Hadoop file system cannot be watched");
    }

    @Override
    public int compareTo(Path other) {
        return inside.compareTo(unwrap(other));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HadoopPath path && path.fileSystem == fileSystem && path.inside.equals(inside);
    }

    @Override
    public int hashCode() {
        return fileSystem.hashCode() * 31 + inside.hashCode();
    }

    /** The whole URI for an absolute path ({@code hdfs://nn:8020/zoo/m.safetensors}); a relative one as it is. */
    @Override
    public String toString() {
        return inside.isAbsolute() ? toUri().toString() : inside.toString();
    }
}
