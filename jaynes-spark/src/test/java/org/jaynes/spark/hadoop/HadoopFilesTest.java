package org.jaynes.spark.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.formats.ModelOpener;
import org.jaynes.report.json.JsonReportWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models read from a real HDFS (a NameNode and a DataNode in this JVM) through {@link HadoopFiles} give
 * the analysis the local files give, report for report; bytes, listings and attributes are HDFS's own.
 */
class HadoopFilesTest {

    static final AnalysisOptions OPTIONS = AnalysisOptions.DEFAULTS.withThreads(2).withMinElements(256);

    private static MiniDFSCluster cluster;
    private static HadoopFiles files;

    @BeforeAll
    static void startHdfs() throws IOException {
        cluster = MiniHdfs.shared();
        files = new HadoopFiles(cluster.getConfiguration(0));
    }

    /** Copies {@code local} to {@code /models/NAME} in HDFS and returns its URI. */
    static String upload(MiniDFSCluster cluster, Path local) throws IOException {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path("/models/" + local.getFileName());
        cluster.getFileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), target);
        return cluster.getURI() + target.toString();
    }

    @Test
    void modelsReadFromHdfsGiveTheReportsOfTheLocalFiles(@TempDir Path temp) throws Exception {
        List<Path> models = List.of(Fixtures.copy("/gguf/types.gguf", temp),
                Fixtures.copy("/onnx/typed_fields.onnx", temp), Fixtures.copy("/numpy/compressed.npz", temp));
        for (Path local : models) {
            Path remote = files.path(upload(cluster, local));
            assertEquals(report(local).replace(local.toString(), "MODEL"),
                    report(remote).replace(remote.toString(), "MODEL"), local.getFileName().toString());
        }
    }

    @Test
    void channelsReadPositionsSizesAndMappingsOfTheFile(@TempDir Path temp) throws IOException {
        Path local = Fixtures.copy("/gguf/types.gguf", temp);
        Path remote = files.path(upload(cluster, local));
        assertEquals(Files.size(local), Files.size(remote));
        assertTrue(Files.isRegularFile(remote));
        assertTrue(Files.isDirectory(remote.getParent()));
        assertEquals(List.of(remote), Files.list(remote.getParent()).filter(p -> p.equals(remote)).toList());
        byte[] expected = Files.readAllBytes(local);
        try (FileChannel channel = FileChannel.open(remote, StandardOpenOption.READ)) {
            ByteBuffer middle = ByteBuffer.allocateDirect(100);
            assertEquals(100, channel.read(middle, 1000));
            assertEquals(ByteBuffer.wrap(expected, 1000, 100), middle.flip());
            ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 5, 300);
            assertEquals(ByteBuffer.wrap(expected, 5, 300), mapped);
            assertEquals(-1, channel.read(ByteBuffer.allocate(1), expected.length));
        }
    }

    @Test
    void channelsOfAFileReuseItsStreamsUntilTheFileChanges(@TempDir Path temp) throws IOException {
        Path local = Fixtures.copy("/onnx/typed_fields.onnx", temp);
        Path remote = files.path(upload(cluster, local));
        byte[] expected = Files.readAllBytes(local);
        try (FileChannel first = FileChannel.open(remote, StandardOpenOption.READ)) {
            try (FileChannel second = FileChannel.open(remote, StandardOpenOption.READ)) {
                assertEquals(ByteBuffer.wrap(expected), whole(second));
            }
            // the second channel's close leaves the stream the first still reads
            assertEquals(ByteBuffer.wrap(expected), whole(first));
        }
        byte[] rewritten = "not the model any more".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (var out = cluster.getFileSystem().create(new org.apache.hadoop.fs.Path(remote.toUri().getPath()), true)) {
            out.write(rewritten);
        }
        try (FileChannel again = FileChannel.open(remote, StandardOpenOption.READ)) {
            assertEquals(ByteBuffer.wrap(rewritten), whole(again));
        }
    }

    @Test
    void aChannelHasAStreamToItselfAndGivesItBackWhenClosed(@TempDir Path temp) throws IOException {
        Path local = Fixtures.copy("/gguf/types.gguf", temp);
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(java.net.URI.create(upload(cluster, local)));
        org.apache.hadoop.fs.FileSystem hdfs = cluster.getFileSystem();
        OpenStreams streams = new OpenStreams(hdfs);
        org.apache.hadoop.fs.FileStatus status = hdfs.getFileStatus(remote);
        OpenStreams.Lent first = streams.acquire(status, null);
        OpenStreams.Lent second = streams.acquire(status, null);
        // two channels at once: a stream each (S3A would serialise their reads on one)
        assertNotSame(first.in(), second.in());
        second.release();
        OpenStreams.Lent third = streams.acquire(status, null);
        assertSame(second.in(), third.in(), "the idle stream is lent again, not a new one opened");
        first.release();
        third.release();
        byte[] expected = Files.readAllBytes(local);
        byte[] read = new byte[expected.length];
        OpenStreams.Lent again = streams.acquire(status, null);
        again.in().readFully(0, read);
        again.release();
        assertArrayEquals(expected, read);
    }

    @Test
    void moreFilesThanAreKeptOpenEachReadTheirOwnBytes(@TempDir Path temp) throws IOException {
        List<FileChannel> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < OpenStreams.KEPT + 3; i++) {
                Path local = Files.write(temp.resolve("file-" + i + ".bin"), new byte[] {(byte) i, 1, 2, 3});
                Path remote = files.path(upload(cluster, local));
                open.add(FileChannel.open(remote, StandardOpenOption.READ));
            }
            // the eldest streams are no longer kept, but stay open for the channels that use them
            for (int i = 0; i < open.size(); i++) {
                assertEquals(ByteBuffer.wrap(new byte[] {(byte) i, 1, 2, 3}), whole(open.get(i)), "file " + i);
            }
        } finally {
            for (FileChannel channel : open) {
                channel.close();
            }
        }
    }

    @Test
    void aFileRewrittenAfterItsVersionWasPinnedFailsToOpenInOneLine(@TempDir Path temp) throws Exception {
        Path local = Fixtures.copy("/onnx/typed_fields.onnx", temp);
        String uri = upload(cluster, local);
        Path remote = files.path(uri);
        FileVersions versions = FileVersions.of(List.of(remote));
        byte[] rewritten = "not the model any more".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (var out = cluster.getFileSystem().create(new org.apache.hadoop.fs.Path(remote.toUri().getPath()), true)) {
            out.write(rewritten);
        }
        IOException e = assertThrows(IOException.class, () -> versions.whilePinned(() ->
                FileChannel.open(remote, StandardOpenOption.READ)));
        assertEquals(uri + ": changed while it was read (the store no longer has the version the analysis began "
                + "with)", e.getMessage());
        try (FileChannel channel = FileChannel.open(remote, StandardOpenOption.READ)) {
            assertEquals(ByteBuffer.wrap(rewritten), whole(channel));
        }
    }

    @Test
    void aFolderOrAMissingFileHasNoVersionToPin(@TempDir Path temp) throws Exception {
        Path local = Fixtures.copy("/gguf/types.gguf", temp);
        Path file = files.path(upload(cluster, local));
        Path folder = file.getParent();
        Path missing = files.path(cluster.getURI() + "/models/none.gguf");
        assertEquals(FileVersions.of(List.of()), FileVersions.of(List.of(folder, missing)));
        assertNotEquals(FileVersions.of(List.of()), FileVersions.of(List.of(folder, file, missing)));
    }

    /** Every byte of {@code channel}'s file, read into a direct buffer from the second byte on, then the first. */
    static ByteBuffer whole(FileChannel channel) throws IOException {
        ByteBuffer all = ByteBuffer.allocateDirect((int) channel.size());
        assertEquals(all.capacity() - 1, channel.read(all.position(1), 1));
        assertEquals(1, channel.read(all.position(0).limit(1), 0));
        return all.clear();
    }

    @Test
    void aMissingFileIsNoSuchFileAndAnUnknownSchemeIsRefused() throws IOException {
        Path missing = files.path(cluster.getURI() + "/models/none.safetensors");
        assertFalse(Files.exists(missing));
        IOException unknown = assertThrows(IOException.class, () -> files.path("nosuch://host/m.onnx"));
        assertTrue(unknown.getMessage().contains("nosuch"), unknown.getMessage());
    }

    static String report(Path model) throws Exception {
        AnalysisResult result = new ModelAnalyzer(OPTIONS).analyze(ModelOpener.standard().open(model),
                ProgressListener.NONE);
        StringWriter json = new StringWriter();
        new JsonReportWriter("test").write(result, json);
        return json.toString();
    }
}
