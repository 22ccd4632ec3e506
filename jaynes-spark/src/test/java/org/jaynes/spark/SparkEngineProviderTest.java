package org.jaynes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.jaynes.formats.ModelOpener;
import org.jaynes.survey.SurveyInputException;
import org.junit.jupiter.api.Test;

/** A standalone master that does not answer is one line of bad input, said before Spark retries for a minute. */
class SparkEngineProviderTest {

    @Test
    void aMasterThatIsDownIsSaidAtOnce() {
        SurveyInputException down = assertThrows(SurveyInputException.class, () -> new SparkEngineProvider()
                .open("spark://127.0.0.1:1", Map.of(), SparkSurveyEngineTest.OPTIONS, ModelOpener.standard()));
        assertEquals("--spark spark://127.0.0.1:1: cannot reach the master (Connection refused)", down.getMessage());
    }

    @Test
    void aPropertyThatIsNotSparksIsRefusedBeforeSparkStarts() {
        SurveyInputException refused = assertThrows(SurveyInputException.class, () -> new SparkEngineProvider()
                .open("local[1]", Map.of("executor.memory", "1g"), SparkSurveyEngineTest.OPTIONS,
                        ModelOpener.standard()));
        assertEquals("--conf executor.memory: a Spark property starts with 'spark.'", refused.getMessage());
    }
}
