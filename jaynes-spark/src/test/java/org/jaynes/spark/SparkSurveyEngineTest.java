package org.jaynes.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.formats.ModelOpener;
import org.jaynes.survey.Survey;
import org.jaynes.survey.SurveyInputs;
import org.jaynes.survey.SurveyListener;
import org.jaynes.survey.SurveyResult;
import org.junit.jupiter.api.Test;
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
