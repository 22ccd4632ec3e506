package org.jaynes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.survey.SurveyInputException;
import org.junit.jupiter.api.Test;

/** The arguments of spark-submit's survey: the selection options of {@code jaynes survey}, bad values in one line. */
class SparkSurveyMainTest {

    @Test
    void selectionOptionsAreThoseOfTheSurveyCommandWithItsDefaults() throws Exception {
        SparkSurveyMain.Arguments plain = SparkSurveyMain.parse(new String[] {"a.onnx", "--out", "s"});
        assertEquals(List.of("a.onnx"), plain.inputs());
        assertEquals(Path.of("s"), plain.out());
        assertEquals(AnalysisOptions.DEFAULTS, plain.options());

        SparkSurveyMain.Arguments chosen = SparkSurveyMain.parse(new String[] {"--min-elements", "100000", "a.onnx",
            "--include", "attention", "--exclude", "bias$", "--threads", "1", "b.gguf", "--out", "s"});
        assertEquals(List.of("a.onnx", "b.gguf"), chosen.inputs());
        AnalysisOptions options = chosen.options();
        assertEquals(100_000, options.minElements());
        assertEquals("attention", options.include().orElseThrow().pattern());
        assertEquals("bias$", options.exclude().orElseThrow().pattern());
        assertEquals(1, options.threads());
        assertEquals(AnalysisOptions.DEFAULTS.bins(), options.bins());
    }

    @Test
    void badArgumentsAreOneLine() {
        for (List<String> args : List.of(List.of("a.onnx", "--out", "s", "--min-elements", "0"),
                List.of("a.onnx", "--out", "s", "--min-elements", "many"),
                List.of("a.onnx", "--out", "s", "--include", "("),
                List.of("a.onnx", "--out", "s", "--threads", "0"),
                List.of("a.onnx", "--out", "s", "--bins", "10"),
                List.of("a.onnx", "--out", "s", "--exclude"),
                List.of("a.onnx"))) {
            SurveyInputException bad = assertThrows(SurveyInputException.class,
                    () -> SparkSurveyMain.parse(args.toArray(String[]::new)), args.toString());
            assertFalse(bad.getMessage().contains("\n"), bad.getMessage());
        }
        assertEquals("--min-elements 0: minElements must be at least 1, not 0", assertThrows(
                SurveyInputException.class, () -> SparkSurveyMain.parse(new String[] {"a.onnx", "--out", "s",
                    "--min-elements", "0"})).getMessage());
        String regex = assertThrows(SurveyInputException.class, () -> SparkSurveyMain.parse(
                new String[] {"a.onnx", "--out", "s", "--include", "("})).getMessage();
        assertTrue(regex.startsWith("--include (: Unclosed group"), regex);
        String unknown = assertThrows(SurveyInputException.class, () -> SparkSurveyMain.parse(
                new String[] {"a.onnx", "--out", "s", "--bins", "10"})).getMessage();
        assertTrue(unknown.startsWith("unknown option --bins; usage: "), unknown);
    }
}
