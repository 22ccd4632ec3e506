package org.jaynes.spark.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models read from a real S3 service (S3Proxy in this JVM, reached through Hadoop's S3A connector and the
 * AWS SDK, requests signed) give the analysis the local files give, report for report.
 */
class S3aFilesTest {

    private static MiniS3 s3;
    private static HadoopFiles files;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = MiniS3.shared();
        files = new HadoopFiles(s3.configuration());
    }

    @Test
    void modelsReadFromS3GiveTheReportsOfTheLocalFiles(@TempDir Path temp) throws Exception {
        List<Path> models = List.of(Fixtures.copy("/gguf/types.gguf", temp),
                Fixtures.copy("/onnx/typed_fields.onnx", temp), Fixtures.copy("/numpy/compressed.npz", temp));
        for (Path local : models) {
            Path remote = files.path(s3.upload(local, "files-test/" + local.getFileName()));
            assertEquals(HadoopFilesTest.report(local).replace(local.toString(), "MODEL"),
                    HadoopFilesTest.report(remote).replace(remote.toString(), "MODEL"), local.getFileName().toString());
        }
    }

    @Test
    void channelsOfPinnedVersionsAskTheStoreForNoStatus(@TempDir Path temp) throws Exception {
        Path local = Fixtures.copy("/onnx/typed_fields.onnx", temp);
        Path remote = files.path(s3.upload(local, "versions-test/pinned.onnx"));
        ByteBuffer expected = ByteBuffer.wrap(Files.readAllBytes(local));
        FileVersions versions = FileVersions.of(List.of(remote));
        long before = statusRequests(remote);
        versions.whilePinned(() -> {
            for (int i = 0; i < 3; i++) {
                assertEquals(expected, whole(remote));
            }
            return null;
        });
        assertEquals(before, statusRequests(remote), "pinned: no status request per channel");
        assertEquals(expected, whole(remote));
        assertEquals(before + 1, statusRequests(remote), "unpinned: one per channel");
    }

    @Test
    void aFileRewrittenAfterItsVersionWasPinnedFailsToReadInOneLine(@TempDir Path temp) throws Exception {
        Path local = Fixtures.copy("/onnx/typed_fields.onnx", temp);
        String uri = s3.upload(local, "versions-test/rewritten.onnx");
        Path remote = files.path(uri);
        FileVersions versions = FileVersions.of(List.of(remote));
        byte[] rewritten = "not the model any more".getBytes(StandardCharsets.US_ASCII);
        Files.write(local, rewritten);
        s3.upload(local, "versions-test/rewritten.onnx");

        IOException e = assertThrows(IOException.class, () -> versions.whilePinned(() -> whole(remote)));
        assertEquals(uri + ": changed while it was read (the store no longer has the version the analysis began "
                + "with)", e.getMessage());
        // read without the pin: the store's version now
        assertEquals(ByteBuffer.wrap(rewritten), whole(remote));
    }

    /** The status requests (HEAD) that the S3A client reading {@code file} has made so far. */
    private static long statusRequests(Path file) {
        return ((HadoopPath) file).getFileSystem().hadoop().getStorageStatistics().getLong("object_metadata_request");
    }

    /** The whole file, read through one channel of its own ({@link HadoopFilesTest#whole}). */
    private static ByteBuffer whole(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return HadoopFilesTest.whole(channel);
        }
    }
}
