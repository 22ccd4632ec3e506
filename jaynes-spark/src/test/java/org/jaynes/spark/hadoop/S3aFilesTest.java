package org.jaynes.spark.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
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
}
