package org.jaynes.spark.hadoop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

/**
 * The read-only {@code java.nio} provider of {@link HadoopNioFileSystem}s: not installed in the JVM (so
 * nothing else sees it), but reached from the paths it makes, which is all {@code Files} and
 * {@code FileChannel.open} need. One file system per scheme and authority, made on first use.
 * Thread-safe.
 */
final class HadoopNioProvider extends FileSystemProvider {

    private final Configuration configuration;
    private final Map<String, HadoopNioFileSystem> fileSystems = new ConcurrentHashMap<>();

    HadoopNioProvider(Configuration configuration) {
        this.configuration = configuration;
    }

    /** The path {@code uri} names, its file system connected on first use. */
    HadoopPath path(URI uri) throws IOException {
        return fileSystem(uri).getPath(uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath());
    }

    @Override
    public HadoopPath getPath(URI uri) {
        try {
            return path(uri);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    HadoopNioFileSystem fileSystem(URI uri) throws IOException {
        String key = uri.getScheme() + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority());
        HadoopNioFileSystem known = fileSystems.get(key);
        if (known != null) {
            return known;
        }
        HadoopNioFileSystem made = new HadoopNioFileSystem(this, URI.create(key + "/"), configuration);
        HadoopNioFileSystem raced = fileSystems.putIfAbsent(key, made);
        return raced == null ? made : raced;
    }

    private static HadoopPath hadoop(Path path) {
        if (!(path instanceof HadoopPath hadoopPath)) {
            throw new ProviderMismatchException(String.valueOf(path));
        }
        return hadoopPath;
    }

    /** The file's status: its pinned version on this thread ({@link FileVersions}), else the store's answer now. */
    private static FileStatus status(Path path) throws IOException {
        HadoopPath file = hadoop(path);
        FileVersions.Pinned pinned = FileVersions.pinned(file.hadoopPath());
        if (pinned != null) {
            return pinned.status();
        }
        try {
            return file.getFileSystem().hadoop().getFileStatus(file.hadoopPath());
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(path.toString());
        }
    }

    @Override
    public String getScheme() {
        return "hadoop";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        return fileSystem(uri);
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        try {
            return fileSystem(uri);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption option : options) {
            if (option != StandardOpenOption.READ && option != LinkOption.NOFOLLOW_LINKS) {
                throw new ReadOnlyFileSystemException();
            }
        }
        FileVersions.Pinned pinned = FileVersions.pinned(hadoop(path).hadoopPath());
        FileStatus status = pinned != null ? pinned.status() : status(path);
        OpenStreams streams = hadoop(path).getFileSystem().streams();
        return new HadoopFileChannel(streams.acquire(status, pinned == null ? null : pinned.handle()),
                status.getLen(), path.toString());
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        status(path);
        return hadoop(path).getFileSystem().hadoop().open(hadoop(path).hadoopPath());
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        HadoopPath folder = hadoop(dir);
        List<Path> entries = new ArrayList<>();
        for (FileStatus entry : folder.getFileSystem().hadoop().listStatus(folder.hadoopPath())) {
            Path path = folder.resolve(entry.getPath().getName());
            if (filter.accept(path)) {
                entries.add(path);
            }
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return entries.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void delete(Path path) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public boolean isSameFile(Path path, Path path2) {
        return path.toAbsolutePath().normalize().equals(path2.toAbsolutePath().normalize());
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("no file stores on a Hadoop file system");
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        status(path);
        for (AccessMode mode : modes) {
            if (mode != AccessMode.READ) {
                throw new AccessDeniedException(path.toString(), null, "jaynes reads Hadoop file systems only");
            }
        }
    }

    /** None: the basic attributes are read with {@link #readAttributes(Path, Class, LinkOption...)}. */
    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return null;
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (!type.isAssignableFrom(HadoopAttributes.class)) {
            throw new UnsupportedOperationException(type.getSimpleName() + " of a Hadoop file");
        }
        return type.cast(new HadoopAttributes(status(path)));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        if (!attributes.startsWith("basic:") && attributes.contains(":")) {
            throw new UnsupportedOperationException(attributes + " of a Hadoop file");
        }
        BasicFileAttributes basic = readAttributes(path, BasicFileAttributes.class);
        return Map.of("size", basic.size(), "lastModifiedTime", basic.lastModifiedTime(),
                "isRegularFile", basic.isRegularFile(), "isDirectory", basic.isDirectory());
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new ReadOnlyFileSystemException();
    }
}
