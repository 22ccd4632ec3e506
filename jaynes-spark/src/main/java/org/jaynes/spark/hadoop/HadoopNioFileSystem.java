package org.jaynes.spark.hadoop;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * One Hadoop file system ({@code hdfs://namenode:8020}, {@code s3a://bucket}, {@code file://}) seen as a
 * read-only {@code java.nio} file system, so that every model reader of jaynes reads from it unchanged:
 * their {@code FileChannel}s make positioned reads on Hadoop's streams ({@link HadoopFileChannel}).
 * Thread-safe (Hadoop's file systems are).
 */
final class HadoopNioFileSystem extends FileSystem {

    private final HadoopNioProvider provider;
    private final org.apache.hadoop.fs.FileSystem hadoop;
    private final String scheme;
    private final String authority;
    private final OpenStreams streams;

    HadoopNioFileSystem(HadoopNioProvider provider, URI uri, Configuration configuration) throws IOException {
        this.provider = provider;
        this.hadoop = org.apache.hadoop.fs.FileSystem.get(uri, configuration);
        this.scheme = uri.getScheme();
        this.authority = uri.getAuthority();
        this.streams = new OpenStreams(hadoop);
    }

    org.apache.hadoop.fs.FileSystem hadoop() {
        return hadoop;
    }

    /** The open streams of this file system's files, shared by their channels. */
    OpenStreams streams() {
        return streams;
    }

    /** The URI of an absolute path on this file system. */
    URI uri(String absolutePath) {
        try {
            return new URI(scheme, authority, absolutePath, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public HadoopNioProvider provider() {
        return provider;
    }

    /** Does nothing: Hadoop caches its file systems per URI and user, and closes them at exit. */
    @Override
    public void close() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(getPath("/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    @Override
    public HadoopPath getPath(String first, String... more) {
        return new HadoopPath(this, Path.of(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher local = java.nio.file.FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
        return path -> local.matches(Path.of(path.toUri().getPath()));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("a read-only view of a Hadoop file system has no principals");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("a Hadoop file system cannot be watched");
    }

    @Override
    public String toString() {
        return scheme + "://" + (authority == null ? "" : authority);
    }
}
