package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jaynes experiment init} on the generated teacher task: small, a few seconds. */
class ExperimentCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyInitialiserAppearsWithEveryEpochAndTheVerdicts() throws IOException {
        CliRun run = CliRun.of("experiment", "init", "--data", "teacher", "--layers", "16,8,4", "--epochs", "2",
                "--seeds", "2", "--threads", "1", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(2, report.get("options").get("seeds").asInt());
        List<String> names = new ArrayList<>();
        for (JsonNode init : report.get("initializers")) {
            names.add(init.get("init").asText());
            assertEquals(3, init.get("epochs").size(), "epochs 0, 1, 2");
            for (JsonNode epoch : init.get("epochs")) {
                for (String key : new String[] {"testAccuracy", "testLoss"}) {
                    assertEquals(2, epoch.get(key).get("n").asInt());
                    assertTrue(epoch.get(key).get("mean").isNumber(), key + " in " + epoch);
                    assertTrue(epoch.get(key).get("sd").isNumber(), key + " in " + epoch);
                }
            }
            assertEquals(2, init.get("finalLayers").size());
            for (JsonNode layer : init.get("finalLayers")) {
                assertTrue(layer.get("sigma").get("mean").isNumber(), layer.toString());
                assertTrue(layer.get("bestFamily").isTextual(), layer.toString());
            }
        }
        assertEquals(List.of("he", "xavier", "lognormal"), names);
        JsonNode verdicts = report.get("verdicts");
        assertEquals(2, verdicts.size());
        assertEquals("lognormal", verdicts.get(0).get("first").asText());
        assertEquals("he", verdicts.get(0).get("second").asText());
        assertEquals("xavier", verdicts.get(1).get("second").asText());
        assertTrue(report.get("conventions").get("verdict").asText().contains("2*sqrt"));
    }

    @Test
    void theTableStatesTheRuleAndIsReproducible() {
        String[] args = {"experiment", "init", "--layers", "16,8,4", "--epochs", "1", "--seeds", "2", "--inits",
                "he,lognormal"};
        CliRun first = CliRun.of(args);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("2*sqrt(sd_a^2/n_a + sd_b^2/n_b)"), first.out());
        assertTrue(first.out().contains("lognormal vs he"), first.out());
        assertEquals(first.out(), CliRun.of(args).out());
    }

    @Test
    void anUnknownInitialiserIsAUsageError() {
        CliRun run = CliRun.of("experiment", "init", "--inits", "he,orthogonal");
        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: unknown initialiser 'orthogonal': expected he, xavier or lognormal"
                + System.lineSeparator(), run.err());
    }
}
