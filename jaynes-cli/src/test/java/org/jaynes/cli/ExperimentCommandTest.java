package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.report.html.HumanNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code jaynes experiment init} on the generated teacher task: small, a few seconds. */
class ExperimentCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

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
    void theHtmlPageHasBandsFaintSeedsAndTheVerdicts() throws IOException {
        Path page = dir.resolve("init.html");
        String[] args = {"experiment", "init", "--layers", "16,8,4", "--epochs", "2", "--seeds", "3", "--threads", "1"};
        CliRun run = CliRun.of(concat(args, "--html", page.toString(), "--json", "-"));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonNode report = JSON.readTree(run.out());
        PageXpath html = PageXpath.of(page);
        String accuracy = "(//section[@id='curves']//figure/*[local-name()='svg'])[1]";
        assertEquals(4, html.count("//section[@id='curves']//figure/*[local-name()='svg']"),
                "accuracy and loss, from epoch 0 and from epoch 1");
        assertEquals(3, html.count(accuracy + "/*[local-name()='path'][@class='band']"), "a band per initialiser");
        assertEquals(3 * (3 + 1), html.count(accuracy + "/*[local-name()='path'][@class='line']"),
                "three faint seeds and the mean per initialiser");
        List<String> legend = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            legend.add(html.text("//section[@id='curves']/ul/li[" + i + "]"));
        }
        assertEquals(List.of("he", "xavier", "lognormal σ 1"), legend);
        JsonNode verdicts = report.get("verdicts");
        assertEquals(verdicts.size(), html.count("//table[@id='verdicts']/tbody/tr"));
        assertEquals("lognormal σ 1 vs he", html.text("//table[@id='verdicts']/tbody/tr[1]/td[1]"));
        assertEquals(HumanNumbers.format(verdicts.get(0).get("difference").asDouble()),
                html.text("//table[@id='verdicts']/tbody/tr[1]/td[2]"));
        JsonNode he = report.get("initializers").get(0);
        assertEquals(HumanNumbers.format(he.get("finalLayers").get(0).get("sigma").get("mean").asDouble()),
                html.text("//table[@id='final-layers']/tbody/tr[1]/td[3]"));
        assertEquals(HumanNumbers.format(he.get("epochs").get(2).get("testAccuracy").get("mean").asDouble()),
                html.text("//table[@id='every-epoch']/tbody/tr[3]/td[3]"));
        String markup = Files.readString(page);
        assertFalse(markup.contains("NaN") || markup.contains("Infinity"), "no NaN printed as text");
    }

    @Test
    void oneSeedGivesAPageWithoutBandsAndAnUndeterminedVerdict() throws IOException {
        Path page = dir.resolve("one.html");
        CliRun run = CliRun.of("experiment", "init", "--layers", "16,8,4", "--epochs", "1", "--seeds", "1",
                "--inits", "he,lognormal", "--html", page.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("lognormal vs he"), "the table still goes to stdout");
        PageXpath html = PageXpath.of(page);
        assertEquals(0, html.count("//*[local-name()='path'][@class='band']"));
        assertEquals("undetermined (needs at least two seeds)", html.text("//table[@id='verdicts']/tbody/tr/td[4]"));
        CliRun both = CliRun.of("experiment", "init", "--json", "-", "--html", "-");
        assertEquals(2, both.exitCode());
        assertEquals("jaynes: only one report can go to standard output, not --json and --html"
                + System.lineSeparator(), both.err());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /**
     * --conv (from the training set-up {@code experiment init} shares with {@code train}) runs every arm on the
     * CNN: a 3x3 block of 2 channels, then 2x4x4 = 32 -> 10, so two weights per arm, the conv weight first.
     */
    @Test
    void convRunsTheExperimentOnAConvolutionalNetwork() throws IOException {
        CliRun run = CliRun.of("experiment", "init", "--data", TinyImages.write(dir, 40, 20).toString(), "--conv",
                "2:3x3/1", "--epochs", "1", "--seeds", "2", "--inits", "he,lognormal", "--threads", "1", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals("[2]", report.get("options").get("conv").toString());
        assertEquals("[32,10]", report.get("options").get("layers").toString());
        for (JsonNode init : report.get("initializers")) {
            JsonNode layers = init.get("finalLayers");
            assertEquals(2, layers.size(), init.toString());
            assertEquals("layers.0.weight", layers.get(0).get("name").asText());
        }
    }

    @ParameterizedTest(name = "--conv {0}")
    @CsvSource(delimiter = '|', value = {
        "8:5x5/x|--conv: '8:5x5/x' is not a conv block: expected CHANNELS[:KxK][/STRIDE][pPADDING], e.g. 16 or "
            + "16:5x5/2 or 16:5x5/2p0",
        "8,16:0x0|--conv: a conv block needs positive channels, kernel and stride and a non-negative padding, not 16 "
            + "channels, kernel 0, stride 1, padding 0"})
    void aBadConvBlockIsOneLineAndExitCode2(String value, String message) {
        CliRun run = CliRun.of("experiment", "init", "--conv", value);
        assertEquals(List.of(Main.BAD_INPUT, "", "jaynes: " + message + System.lineSeparator()),
                List.of(run.exitCode(), run.out(), run.err()));
    }

    @Test
    void anUnknownInitialiserIsAUsageError() {
        CliRun run = CliRun.of("experiment", "init", "--inits", "he,orthogonal");
        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: unknown initialiser 'orthogonal': expected he, xavier, lognormal or fitted"
                + System.lineSeparator(), run.err());
    }

    /** Initialisers are checked as the options are parsed: a bad one is one line, before any work. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--inits|he,,xavier|unknown initialiser '': expected he, xavier, lognormal or fitted",
        "--inits|he,Kaiming|unknown initialiser 'Kaiming': expected he, xavier, lognormal or fitted",
        "--warmup-init|orthogonal|unknown initialiser 'orthogonal': expected he, xavier, lognormal or fitted",
        "--sigma|-1|sigma must be positive and finite, not -1.0",
        "--init-from|model.safetensors|--init-from applies to --inits or --warmup-init fitted only"})
    void aBadInitialiserOptionIsOneLineAndExitCode2(String option, String value, String message) {
        CliRun run = CliRun.of("experiment", "init", "--warmup", "1", option, value);
        assertEquals(List.of(Main.BAD_INPUT, "", "jaynes: " + message + System.lineSeparator()),
                List.of(run.exitCode(), run.out(), run.err()));
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
