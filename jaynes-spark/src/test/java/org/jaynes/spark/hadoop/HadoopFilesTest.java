package org.jaynes.spark.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void aMissingFileIsNoSuchFileAndAnUnknownSchemeIsRefused() throws IOException {
        Path missing = files.path(cluster.getURI() + "/models/none.safetensors");
        assertFalse(Files.exists(missing));
        IOException unknown = assertThrows(IOException.class, () -> files.path("nosuch://host/m.onnx"));
        assertTrue(unknown.getMessage().contains("nosuch"), unknown.getMessage());
    }

    private static String report(Path model) throws Exception {
        AnalysisResult result = new ModelAnalyzer(OPTIONS).analyze(ModelOpener.standard().open(model),
                ProgressListener.NONE);
        StringWriter json = new StringWriter();
        new JsonReportWriter("test").write(result, json);
        return json.toString();
    }
}
