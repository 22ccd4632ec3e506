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
        assertEquals("jaynes: unknown initialiser 'orthogonal': expected he, xavier, lognormal or fitted"
                + System.lineSeparator(), run.err());
    }

    /** --warmup adds one arm, reported and compared like the others. */
    @Test
    void theWarmupArmIsComparedLikeTheOthers() throws IOException {
        CliRun run = CliRun.of("experiment", "init", "--layers", "16,8,4", "--epochs", "2", "--seeds", "2", "--inits",
                "he", "--warmup", "1", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        List<String> arms = new ArrayList<>();
        for (JsonNode arm : report.get("initializers")) {
            arms.add(arm.get("arm").asText() + "/" + arm.get("init").asText() + "/" + arm.get("warmupEpochs").asInt());
            assertEquals(3, arm.get("epochs").size());
        }
        assertEquals(List.of("he/he/0", "lognormal+warmup 1/lognormal/1"), arms);
        assertEquals("lognormal+warmup 1", report.get("verdicts").get(0).get("first").asText());
        assertEquals("he", report.get("verdicts").get(0).get("second").asText());
        CliRun table = CliRun.of("experiment", "init", "--layers", "16,8,4", "--epochs", "1", "--seeds", "1",
                "--inits", "he", "--warmup", "1", "--warmup-init", "xavier");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(java.util.regex.Pattern.compile("(?m)^xavier\\+warmup 1 +1  0\\.").matcher(table.out()).find(),
                table.out());
    }

    @Test
    void warmupAndFittedMistakesAreUsageErrors() {
        String nl = System.lineSeparator();
        CliRun longer = CliRun.of("experiment", "init", "--epochs", "1", "--warmup", "2");
        assertEquals(Main.BAD_INPUT, longer.exitCode());
        assertEquals("jaynes: --warmup must be in [0, --epochs 1], not 2" + nl, longer.err());
        CliRun unused = CliRun.of("experiment", "init", "--init-from", "model.safetensors");
        assertEquals(Main.BAD_INPUT, unused.exitCode());
        assertEquals("jaynes: --init-from applies to --inits or --warmup-init fitted only" + nl, unused.err());
        CliRun missing = CliRun.of("experiment", "init", "--inits", "he,fitted");
        assertEquals(Main.BAD_INPUT, missing.exitCode());
        assertEquals("", missing.out());
        assertEquals("jaynes: the fitted initialiser needs --init-from MODEL" + nl, missing.err());
    }
}
