package org.jaynes.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.Baseline;
import org.jaynes.formats.ModelOpener;
import org.jaynes.spark.hadoop.MiniHdfs;
import org.jaynes.spark.hadoop.MiniS3;
import org.jaynes.survey.CheckpointSeries;
import org.jaynes.survey.Survey;
import org.jaynes.survey.SurveyInputException;
import org.jaynes.survey.SurveyInputs;
import org.jaynes.survey.SurveyListener;
import org.jaynes.survey.SurveyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A survey on Spark in local mode writes the same files as the survey in this process, byte for byte:
 * every model's JSON report, layers.csv, layers.parquet, failures.csv, survey.json and the page.
 */
class SparkSurveyEngineTest {

    static final AnalysisOptions OPTIONS = AnalysisOptions.DEFAULTS.withThreads(2)
            .withMinElements(TestModels.MIN_ELEMENTS);

    @Test
    void surveyOnSparkEqualsTheSurveyInThisProcess(@TempDir Path temp) throws Exception {
        List<String> models = TestModels.write(temp.resolve("zoo")).stream().map(Path::toString).toList();
        Path here = temp.resolve("in-process");
        Path spark = temp.resolve("spark");
        SurveyResult expected = new Survey(OPTIONS, ModelOpener.standard(), "test")
                .run(SurveyInputs.of(models, temp), here, SurveyListener.NONE);
        SparkSurveyEngine engine = new SparkSurveyEngine(LocalSpark.context(), OPTIONS, ModelOpener.standard());
        SurveyResult actual = new Survey(engine, "test").run(SurveyInputs.of(models, temp, engine::locate), spark,
                SurveyListener.NONE);

        assertEquals(1, expected.failures().size(), "the broken file fails in process");
        assertEquals(expected.failures(), actual.failures());
        assertEquals(expected.rows(), actual.rows());
        assertTrue(actual.rows() > 70, "rows: " + actual.rows());
        assertSameFiles(here, spark);
    }

    /**
     * With fits on the executors, as on a cluster (a population's first read and fine counts shipped, its
     * analysis shipped back), the files are the same: every population's fit shipped, or the large one's only
     * (a cluster's rule); options with a pattern and a Gaussian baseline go with the fits.
     */
    @ParameterizedTest
    @ValueSource(longs = {0, ModelFits.SHIPPED_FROM_ON_A_CLUSTER})
    void surveyWithFitsOnTheExecutorsEqualsTheSurveyInThisProcess(long shippedFrom, @TempDir Path temp)
            throws Exception {
        List<String> models = TestModels.write(temp.resolve("zoo")).stream().map(Path::toString).toList();
        AnalysisOptions options = OPTIONS.withBaseline(Baseline.GAUSSIAN).withExclude(Pattern.compile("^layers\\.6"));
        Path here = temp.resolve("in-process");
        Path spark = temp.resolve("spark");
        new Survey(options, ModelOpener.standard(), "test").run(SurveyInputs.of(models, temp), here,
                SurveyListener.NONE);
        SparkSurveyEngine engine = new SparkSurveyEngine(LocalSpark.context(), options, ModelOpener.standard(),
                shippedFrom);
        SurveyResult actual = new Survey(engine, "test").run(SurveyInputs.of(models, temp, engine::locate), spark,
                SurveyListener.NONE);

        assertTrue(actual.rows() > 70, "rows: " + actual.rows());
        assertTrue(Files.readString(spark.resolve("reports/many.safetensors.json")).contains("gaussian baseline"));
        assertSameFiles(here, spark);
    }

    /** spark-submit's selection options reach the analysis: the files equal the in-process survey's with them. */
    @Test
    void surveyOnSparkWithSelectionOptionsEqualsTheSurveyInThisProcess(@TempDir Path temp) throws Exception {
        List<String> models = TestModels.write(temp.resolve("zoo")).stream()
                .filter(p -> !p.getFileName().toString().startsWith("big")).map(Path::toString).toList();
        Path here = temp.resolve("in-process");
        Path spark = temp.resolve("spark");
        SparkSurveyMain.Arguments arguments = SparkSurveyMain.parse(Stream.concat(models.stream(), Stream.of("--out",
                spark.toString(), "--min-elements", "1000", "--exclude", "^layers\\.[1-6][0-9]\\.", "--threads", "2"))
                .toArray(String[]::new));
        new Survey(arguments.options(), ModelOpener.standard(), "test").run(SurveyInputs.of(models, temp), here,
                SurveyListener.NONE);
        SparkSurveyEngine engine = new SparkSurveyEngine(LocalSpark.context(), arguments.options(),
                ModelOpener.standard());
        new Survey(engine, "test").run(SurveyInputs.of(arguments.inputs(), temp, engine::locate), arguments.out(),
                SurveyListener.NONE);

        assertSameFiles(here, spark);
        List<String> many = Files.readAllLines(spark.resolve("layers.csv")).stream()
                .filter(line -> line.startsWith("many.safetensors,")).toList();
        assertEquals(10, many.size(), "layers 0 to 9 of 70: " + many);
        assertTrue(Files.readString(spark.resolve("survey.json")).contains("\"minElements\" : 1000"));
    }

    @Test
    void surveyOfModelsOnHdfsEqualsTheSurveyOfTheLocalFiles(@TempDir Path temp) throws Exception {
        MiniDFSCluster hdfs = MiniHdfs.shared();
        String root = hdfs.getURI() + "/survey-test";
        assertRemoteSurveyEqualsTheLocalOne(temp, root, zoo -> hdfs.getFileSystem().copyFromLocalFile(false, true,
                new org.apache.hadoop.fs.Path(zoo.toUri()), new org.apache.hadoop.fs.Path(root)));
    }

    @Test
    void surveyOfModelsOnS3EqualsTheSurveyOfTheLocalFiles(@TempDir Path temp) throws Exception {
        // LocalSpark's context carries the S3 service's settings as spark.hadoop.* properties
        MiniS3 s3 = MiniS3.shared();
        String root = "s3a://" + MiniS3.BUCKET + "/survey-test";
        assertRemoteSurveyEqualsTheLocalOne(temp, root, zoo -> {
            try (Stream<Path> files = Files.list(zoo)) {
                for (Path file : files.toList()) {
                    s3.upload(file, "survey-test/" + file.getFileName());
                }
            }
        });
    }

    @Test
    void globUrisAndCheckpointFoldersNameTheFilesOfHdfsAndS3InOrder(@TempDir Path temp) throws Exception {
        for (String name : List.of("b.onnx", "a.onnx", "c.gguf")) {
            Files.writeString(temp.resolve(name), name);
        }
        MiniDFSCluster hdfs = MiniHdfs.shared();
        String hdfsRoot = hdfs.getURI() + "/glob-test";
        hdfs.getFileSystem().copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(temp.toUri()),
                new org.apache.hadoop.fs.Path(hdfsRoot));
        MiniS3 s3 = MiniS3.shared();
        String s3Root = "s3a://" + MiniS3.BUCKET + "/glob-test";
        for (String name : List.of("b.onnx", "a.onnx", "c.gguf")) {
            s3.upload(temp.resolve(name), "glob-test/" + name);
        }
        SparkSurveyEngine engine = new SparkSurveyEngine(LocalSpark.context(), OPTIONS, ModelOpener.standard());
        for (String root : List.of(hdfsRoot, s3Root)) {
            List<String> found = SurveyInputs.of(List.of(root + "/*.onnx"), temp, engine::locate).stream()
                    .map(input -> input.path().toString()).toList();
            assertEquals(List.of(root + "/a.onnx", root + "/b.onnx"), found, root);
            SurveyInputException none = assertThrows(SurveyInputException.class,
                    () -> SurveyInputs.of(List.of(root + "/*.npz"), temp, engine::locate));
            assertEquals(root + "/*.npz: the pattern matches no file or folder", none.getMessage());
        }
        // a run's checkpoints on HDFS, ordered by the steps their names carry
        for (String name : List.of("step-20.onnx", "step-3.onnx")) {
            hdfs.getFileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(temp.resolve("a.onnx").toUri()),
                    new org.apache.hadoop.fs.Path(hdfsRoot + "/run/" + name));
        }
        assertEquals(List.of(hdfsRoot + "/run/step-3.onnx", hdfsRoot + "/run/step-20.onnx"),
                CheckpointSeries.of(hdfsRoot + "/run", engine::locate).stream()
                        .map(input -> input.path().toString()).toList());
    }

    /** A zoo's upload under {@code root}. */
    private interface Upload {
        void copy(Path zoo) throws Exception;
    }

    /**
     * A survey on Spark of models read from {@code root} gives the rows and reports of the in-process survey of
     * the same files on this disk, but for where the models are; the Parquet table is compared above.
     */
    private static void assertRemoteSurveyEqualsTheLocalOne(Path temp, String root, Upload upload) throws Exception {
        // The GGUF fixture and the file that is no model: the other models' reading is the local test's.
        List<Path> local = TestModels.write(temp.resolve("zoo")).stream()
                .filter(p -> !p.getFileName().toString().endsWith(".safetensors")
                        || p.getFileName().toString().startsWith("broken")).toList();
        Files.delete(temp.resolve("zoo/big.safetensors"));
        Files.delete(temp.resolve("zoo/many.safetensors"));
        upload.copy(temp.resolve("zoo"));
        List<String> uris = local.stream().map(p -> root + "/" + p.getFileName()).toList();
        Path here = temp.resolve("in-process");
        Path spark = temp.resolve("spark");
        new Survey(OPTIONS, ModelOpener.standard(), "test").run(
                SurveyInputs.of(local.stream().map(Path::toString).toList(), temp), here, SurveyListener.NONE);
        SparkSurveyEngine engine = new SparkSurveyEngine(LocalSpark.context(), OPTIONS, ModelOpener.standard());
        SurveyResult remote = new Survey(engine, "test").run(SurveyInputs.of(uris, temp, engine::locate), spark,
                SurveyListener.NONE);
        assertEquals(1, remote.failures().size(), "the file that is no model: " + remote.failures());
        for (String name : List.of("layers.csv", "failures.csv", "survey.json", "reports/types.gguf.json")) {
            assertEquals(Files.readString(here.resolve(name)).replace(temp.resolve("zoo").toString(), "ZOO"),
                    Files.readString(spark.resolve(name)).replace(root, "ZOO"), name);
        }
    }

    @Test
    void aModelMissingOnHdfsOrAnUnknownSchemeIsOneLineOfBadInput(@TempDir Path temp) throws Exception {
        SparkSurveyEngine engine = new SparkSurveyEngine(LocalSpark.context(), OPTIONS, ModelOpener.standard());
        SurveyInputException unknown = assertThrows(SurveyInputException.class,
                () -> SurveyInputs.of(List.of("nosuch://host/m.onnx"), temp, engine::locate));
        assertEquals("nosuch://host/m.onnx: No FileSystem for scheme \"nosuch\"", unknown.getMessage());
        SurveyInputException unreachable = assertThrows(SurveyInputException.class,
                () -> SurveyInputs.of(List.of("hdfs://127.0.0.1:1/zoo/m.onnx"), temp, engine::locate));
        assertTrue(unreachable.getMessage().startsWith("hdfs://127.0.0.1:1/zoo/m.onnx: "), unreachable.getMessage());
        assertTrue(unreachable.getMessage().contains("Connection refused"), unreachable.getMessage());
        assertFalse(unreachable.getMessage().contains("\n"), unreachable.getMessage());
        MiniS3.shared();
        SurveyInputException absent = assertThrows(SurveyInputException.class,
                () -> SurveyInputs.of(List.of("s3a://" + MiniS3.BUCKET + "/absent.onnx"), temp, engine::locate));
        assertEquals("s3a://zoo/absent.onnx: no such file or folder", absent.getMessage());
        SurveyInputException noBucket = assertThrows(SurveyInputException.class,
                () -> SurveyInputs.of(List.of("s3a://no-bucket/m.onnx"), temp, engine::locate));
        // S3's own words, not Hadoop's wrapping of them ("getFileStatus on …: …NoSuchBucketException: …")
        assertTrue(noBucket.getMessage().startsWith("s3a://no-bucket/m.onnx: The specified bucket does not exist "
                + "(Service: S3, Status Code: 404"), noBucket.getMessage());
        assertFalse(noBucket.getMessage().contains("Exception"), noBucket.getMessage());
        assertEquals("UnknownHostException: nn", SparkSurveyEngine.rootReason(
                new IOException("a call failed", new java.net.UnknownHostException("nn"))));
    }

    /** Every file under {@code expected} is under {@code actual} with the same bytes, and no other is. */
    static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<Path> names = files(expected);
        assertEquals(names, files(actual));
        for (Path name : names) {
            if (name.toString().endsWith(".key.json")) {
                continue; // the model's path, size and time: equal too, but says nothing of the analysis
            }
            assertArrayEquals(Files.readAllBytes(expected.resolve(name)), Files.readAllBytes(actual.resolve(name)),
                    name.toString());
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }
}
