package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code jaynes train} on the generated teacher task (no files needed); Fashion-MNIST when installed. */
class TrainCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NL = System.lineSeparator();
    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    @Test
    void reportsEveryLayerEveryEpochAsJson() throws IOException {
        CliRun run = CliRun.of("train", "--data", "teacher", "--epochs", "3", "--init", "lognormal", "--sigma", "0.8",
                "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals("teacher", report.get("data").get("name").asText());
        assertEquals("lognormal", report.get("options").get("init").asText());
        assertEquals(0.8, report.get("options").get("sigma").asDouble());
        JsonNode epochs = report.get("epochs");
        assertEquals(4, epochs.size());
        for (JsonNode epoch : epochs) {
            assertEquals(2, epoch.get("layers").size());
            for (JsonNode layer : epoch.get("layers")) {
                for (String key : new String[] {"mu", "sigma", "ks", "bestFamily", "verdict", "arbitrageGap",
                        "utilitySpread"}) {
                    assertTrue(layer.has(key) && !layer.get(key).isNull(), key + " in " + layer);
                }
            }
        }
        JsonNode atStart = epochs.get(0).get("layers").get(0);
        assertEquals("layers.0.weight", atStart.get("name").asText());
        assertEquals(0.8, atStart.get("sigma").asDouble(), 0.05, "the initial sigma is the one asked for");
        assertTrue(epochs.get(3).get("testAccuracy").asDouble() > 0.8, run.out());
    }

    @Test
    void theSameSeedGivesTheSameJsonApartFromTimes() {
        String[] args = {"train", "--epochs", "1", "--seed", "5", "--json", "-"};
        String first = CliRun.of(args).out().replaceAll("\"seconds\" : [0-9.eE-]+", "");
        String second = CliRun.of(args).out().replaceAll("\"seconds\" : [0-9.eE-]+", "");
        assertEquals(first, second);
    }

    @Test
    void theTableDoesNotDependOnTheLocaleAndSavesWeights() throws IOException {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            CliRun run = CliRun.of("train", "--epochs", "2", "--save-epochs", "0,2", "--save", dir.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("epoch  train loss  test loss  accuracy  seconds" + NL), run.out());
            assertTrue(run.out().contains("layers.2.weight"), run.out());
            assertTrue(!run.out().matches("(?s).*\\d,\\d{4}.*"), "no decimal commas: " + run.out());
            assertTrue(Files.isRegularFile(dir.resolve("epoch-0.safetensors")));
            assertTrue(Files.isRegularFile(dir.resolve("epoch-2.safetensors")));
            CliRun analyze = CliRun.of("analyze", dir.resolve("epoch-2.safetensors").toString(), "--json", "-");
            assertEquals(0, analyze.exitCode(), analyze.err());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--layers|10,4|the layers 10,4 need 10 inputs and 4 classes, but the data teacher has 16 features and 4 classes",
            "--layers|16,x,4|--layers must be integers of at least 1 separated by commas, not '16,x,4'",
            "--init|kaiming|unknown initialiser 'kaiming': expected he, xavier, lognormal or fitted",
            "--init|fitted|the fitted initialiser needs --init-from MODEL",
            "--init-from|model.safetensors|--init-from applies to --init fitted only",
            "--fitted-mu|source|--fitted-mu applies to --init fitted only",
            "--warmup|2|--warmup must be in [0, --epochs 1], not 2",
            "--track-every|-1|--track-every must be non-negative, not -1",
            "--optimizer|rmsprop|unknown optimizer 'rmsprop': expected sgd, adam or adamw",
            "--activation|swish|unknown activation 'swish': expected relu, gelu or tanh",
            "--sigma|0.5|--sigma applies to --init lognormal only",
            "--save-epochs|1|--save-epochs needs --save DIR",
            "--lr|-1|learning rate must be positive and finite, not -1.0",
            "--batch|0|--batch must be at least 1, not 0"})
    void badInputIsOneLineAndExitCode2(String option, String value, String message) {
        CliRun run = CliRun.of("train", option, value);
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: " + message + NL, run.err());
    }

    /** A saved run is a source for --init fitted: each of our layers drawn from its namesake's fit. */
    @Test
    void theFittedInitialiserReportsItsSourceLayers() throws IOException {
        CliRun save = CliRun.of("train", "--epochs", "1", "--save", dir.toString());
        assertEquals(0, save.exitCode(), save.err());
        Path model = dir.resolve("epoch-1.safetensors");
        CliRun run = CliRun.of("train", "--epochs", "1", "--init", "fitted", "--init-from", model.toString(),
                "--fitted-mu", "source", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        JsonNode fitted = report.get("fitted");
        assertEquals(model.toString(), fitted.get("model").asText());
        assertEquals("source", fitted.get("muRule").asText());
        assertEquals(2, fitted.get("layers").size());
        for (int l = 0; l < 2; l++) {
            JsonNode layer = fitted.get("layers").get(l);
            assertEquals("layers." + 2 * l + ".weight", layer.get("name").asText());
            assertEquals("layers." + 2 * l, layer.get("source").asText());
            assertEquals("dense", layer.get("sourceRole").asText());
            assertEquals(layer.get("sourceMu").asDouble(), layer.get("mu").asDouble(), "mu rule source");
            // The drawn layer's own fit at epoch 0, within 5 standard errors of the source's (n = sourceN).
            JsonNode drawn = report.get("epochs").get(0).get("layers").get(l);
            double sigma = layer.get("sigma").asDouble();
            double n = layer.get("sourceN").asDouble();
            assertEquals(sigma, drawn.get("sigma").asDouble(), 5 * sigma / Math.sqrt(2 * n), drawn.toString());
            assertEquals(layer.get("mu").asDouble(), drawn.get("mu").asDouble(), 5 * sigma / Math.sqrt(n));
        }
        String again = CliRun.of("train", "--epochs", "1", "--init", "fitted", "--init-from", model.toString(),
                "--fitted-mu", "source", "--json", "-").out();
        assertEquals(run.out().replaceAll("\"seconds\" : [0-9.eE-]+", ""),
                again.replaceAll("\"seconds\" : [0-9.eE-]+", ""), "the same seed, the same run");
        CliRun table = CliRun.of("train", "--epochs", "1", "--init", "fitted", "--init-from", model.toString());
        assertTrue(table.out().contains("layers.0.weight  <- layers.0 (dense, n 1024): mu "), table.out());
    }

    /** A bad --init-from is one line and exit code 2, never a stack trace. */
    @Test
    void aBadInitFromModelIsOneLine() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a model");
        Path missing = dir.resolve("nothing.safetensors");
        for (String[] c : new String[][] {
                {text.toString(), text + ": at byte 0: not a model file jaynes can read (safetensors, gguf, numpy, "
                        + "tflite, keras, onnx, tfjs, pytorch)"},
                {missing.toString(), missing + ": no such file or folder"}}) {
            CliRun run = CliRun.of("train", "--init", "fitted", "--init-from", c[0]);
            assertEquals(2, run.exitCode(), run.err());
            assertEquals("", run.out());
            assertEquals("jaynes: " + c[1] + NL, run.err());
        }
    }

    /** Warm-up laws per warm-up epoch and one step record per K steps, in the JSON. */
    @Test
    void warmupAndStepRecordsAreInTheJson() throws IOException {
        CliRun run = CliRun.of("train", "--epochs", "2", "--warmup", "1", "--track-every", "100", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(1, report.get("options").get("warmupEpochs").asInt());
        assertEquals(100, report.get("options").get("trackEvery").asInt());
        JsonNode warmup = report.get("warmup");
        assertEquals(2, warmup.size(), "epochs 0 and 1");
        assertEquals("layers.2.weight", warmup.get(1).get("layers").get(1).get("name").asText());
        assertTrue(warmup.get(1).get("layers").get(0).get("sigma").asDouble() > 0);
        JsonNode steps = report.get("steps");
        assertEquals(6, steps.size(), "512 steps, one record per 100 and one at the end");
        assertEquals(512, steps.get(5).get("step").asInt());
        assertEquals(12, steps.get(5).get("steps").asInt());
        assertEquals(2, steps.get(0).get("layers").size());
        assertTrue(steps.get(0).get("layers").get(0).has("arbitrageGap"));
    }

    @Test
    void aMissingDataFolderIsBadInput() {
        Path missing = dir.resolve("nothing");
        CliRun run = CliRun.of("train", "--data", missing.toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: " + missing + ": not a folder of IDX files" + NL, run.err());
    }

    /** The command; slow (an epoch over 60,000 images), so only where the data is installed. */
    @Test
    void fashionMnistReaches80PercentInOneEpoch() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FASHION_MNIST),
                "skipped: no Fashion-MNIST in " + FASHION_MNIST + " (apt-get install dataset-fashion-mnist)");
        CliRun run = CliRun.of("train", "--data", FASHION_MNIST.toString(), "--layers", "784,256,10", "--epochs", "1",
                "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode last = JSON.readTree(run.out()).get("epochs").get(1);
        assertTrue(last.get("testAccuracy").asDouble() >= 0.80, last.toString());
        assertEquals(2, last.get("layers").size());
    }
}
