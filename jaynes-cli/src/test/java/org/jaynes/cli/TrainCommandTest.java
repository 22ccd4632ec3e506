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
import java.util.Locale;
import org.jaynes.core.fit.Family;
import org.jaynes.report.html.HumanNumbers;
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
        JsonNode neurons = epochs.get(3).get("outputs").get(0);
        assertEquals("layers.0.relu", neurons.get("name").asText());
        assertEquals(report.get("data").get("test").asLong() * 64, neurons.get("n").asLong(), neurons.toString());
        assertEquals(0, neurons.get("negatives").asLong());
        assertTrue(neurons.get("zeros").asLong() > 0 && !neurons.get("sigma").isNull(), neurons.toString());
        assertEquals(0.8, atStart.get("sigma").asDouble(), 0.05, "the initial sigma is the one asked for");
        assertTrue(epochs.get(3).get("testAccuracy").asDouble() > 0.8, run.out());
    }

    @Test
    void theSameSeedGivesTheSameJsonApartFromTimes() {
        String[] args = {"train", "--epochs", "1", "--seed", "5", "--json", "-"};
        String first = CliRun.of(args).out().replaceAll("\"(cpuS|s)econds\" : [0-9.eE-]+", "");
        String second = CliRun.of(args).out().replaceAll("\"(cpuS|s)econds\" : [0-9.eE-]+", "");
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

    /** --save-every K saves a series that the survey reads as checkpoints, ordered by epoch. */
    @Test
    void savingEveryKEpochsMakesACheckpointSeries() throws IOException {
        CliRun run = CliRun.of("train", "--epochs", "5", "--save-every", "2", "--save", dir.resolve("run").toString(),
                "-q");
        assertEquals(0, run.exitCode(), run.err());
        for (int epoch : new int[] {0, 2, 4, 5}) {
            assertTrue(Files.isRegularFile(dir.resolve("run/epoch-" + epoch + ".safetensors")), "epoch " + epoch);
        }
        assertTrue(!Files.exists(dir.resolve("run/epoch-1.safetensors")));
        CliRun survey = CliRun.of("survey", "--checkpoints", dir.resolve("run").toString(), "--out",
                dir.resolve("survey").toString(), "-q");
        assertEquals(0, survey.exitCode(), survey.err());
        String page = Files.readString(dir.resolve("survey/survey.html"));
        assertTrue(page.contains("Checkpoints, steps 0 to 5"), page.substring(0, 600));
        assertTrue(page.contains("4 checkpoints"), page.substring(0, 600));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--layers|10,4|the layers 10,4 need 10 inputs and 4 classes, but the data teacher has 16 features and 4 classes",
            "--layers|16,x,4|--layers must be integers of at least 1 separated by commas, not '16,x,4'",
            "--init|kaiming|unknown initialiser 'kaiming': expected he, xavier, lognormal or fitted",
            "--init|Orthogonal|unknown initialiser 'Orthogonal': expected he, xavier, lognormal or fitted",
            "--init|''|unknown initialiser '': expected he, xavier, lognormal or fitted",
            "--init|fitted|the fitted initialiser needs --init-from MODEL",
            "--init-from|model.safetensors|--init-from applies to --init fitted only",
            "--fitted-mu|source|--fitted-mu applies to --init fitted only",
            "--warmup|2|--warmup must be in [0, --epochs 1], not 2",
            "--track-every|-1|--track-every must be non-negative, not -1",
            "--optimizer|rmsprop|unknown optimizer 'rmsprop': expected sgd, adam or adamw",
            "--activation|swish|unknown activation 'swish': expected relu, gelu or tanh",
            "--sigma|0.5|--sigma applies to --init lognormal only",
            "--save-epochs|1|--save-epochs needs --save DIR",
            "--save-every|2|--save-every needs --save DIR, a K of at least 1, and no --save-epochs",
            "--lr|-1|learning rate must be positive and finite, not -1.0",
            "--batch|0|--batch must be at least 1, not 0"})
    void badInputIsOneLineAndExitCode2(String option, String value, String message) {
        CliRun run = CliRun.of("train", option, value);
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: " + message + NL, run.err());
    }

    /** σ is bound to the lognormal after parsing: a bad one is one line, as a bad --init is. */
    @Test
    void aBadSigmaOfTheLognormalIsOneLineAndExitCode2() {
        CliRun run = CliRun.of("train", "--init", "LogNormal", "--sigma", "0");
        assertEquals(List.of(2, "", "jaynes: sigma must be positive and finite, not 0.0" + NL),
                List.of(run.exitCode(), run.out(), run.err()));
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
        assertEquals(run.out().replaceAll("\"(cpuS|s)econds\" : [0-9.eE-]+", ""),
                again.replaceAll("\"(cpuS|s)econds\" : [0-9.eE-]+", ""), "the same seed, the same run");
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

    @Test
    void theHtmlPageHasEveryLayerItsNumbersAndTheTableStillPrints() throws IOException {
        Path page = dir.resolve("train.html");
        CliRun run = CliRun.of("train", "--layers", "16,32,16,4", "--epochs", "3", "--threads", "1", "--html",
                page.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("epoch  train loss  test loss  accuracy  seconds"), "the table goes to stdout");
        CliRun json = CliRun.of("train", "--layers", "16,32,16,4", "--epochs", "3", "--threads", "1", "--json", "-");
        JsonNode report = JSON.readTree(json.out());
        PageXpath html = PageXpath.of(page);
        assertEquals(2 + 5, html.count("//figure/*[local-name()='svg']"), "learning curves and five trajectories");
        JsonNode last = report.get("epochs").get(3);
        List<String> names = new ArrayList<>();
        last.get("layers").forEach(layer -> names.add(layer.get("name").asText()));
        assertEquals(3, names.size());
        for (int l = 0; l < names.size(); l++) {
            String name = names.get(l);
            assertEquals(name, html.text("//section[@id='trajectories']/ul/li[" + (l + 1) + "]"));
            assertEquals(name, html.text("//table[@id='final']/tbody/tr[" + (l + 1) + "]/td[1]"));
            assertEquals(HumanNumbers.format(last.get("layers").get(l).get("sigma").asDouble()),
                    html.text("//table[@id='final']/tbody/tr[" + (l + 1) + "]/td[5]"), "the same run, the same σ");
            assertEquals(Family.ofKey(last.get("layers").get(l).get("bestFamily").asText()).displayName(),
                    html.text("//table[@id='best-laws']/tbody/tr[4]/td[" + (l + 2) + "]"), "the law by its name");
        }
        assertEquals(4, html.count("//table[@id='best-laws']/tbody/tr"), "epochs 0 to 3");
        JsonNode outputs = last.get("outputs");
        assertEquals(2, outputs.size(), "two hidden activation layers");
        for (int o = 0; o < outputs.size(); o++) {
            int row = names.size() + o + 1;
            assertEquals(outputs.get(o).get("name").asText() + " outputs",
                    html.text("//table[@id='final']/tbody/tr[" + row + "]/td[1]"), "neuron outputs follow the weights");
            assertEquals(HumanNumbers.format(outputs.get(o).get("sigma").asDouble()),
                    html.text("//table[@id='final']/tbody/tr[" + row + "]/td[5]"));
        }
        assertTrue(html.text("//section[@id='summary']/ul/li[1]").contains("test accuracy "
                + HumanNumbers.format(last.get("testAccuracy").asDouble())), html.text("//section[@id='summary']"));
        String markup = Files.readString(page);
        assertFalse(markup.contains("NaN") || markup.contains("Infinity"), "no NaN printed as text");
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(page), listing.toList(), "written atomically: no temporary file left");
        }
    }

    @Test
    void theHtmlPageCanGoToStdoutAlone() {
        CliRun run = CliRun.of("train", "--epochs", "1", "--html", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("<!DOCTYPE html>"), run.out());
        assertFalse(run.out().contains("epoch  train loss"), "no table after the page");
        CliRun both = CliRun.of("train", "--json", "-", "--html", "-");
        assertEquals(2, both.exitCode());
        assertEquals("", both.out());
        assertEquals("jaynes: only one report can go to standard output, not --json and --html" + NL, both.err());
    }

    @Test
    void aBadHtmlFolderIsRefusedBeforeTraining() {
        CliRun run = CliRun.of("train", "--html", dir.resolve("no/such/folder/train.html").toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("jaynes: ") && run.err().contains("train.html"), run.err());
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

    /** Without --layers, --conv 2 on 1x8x8 images gives the dense part 2x4x4 = 32 -> 10. */
    @Test
    void convTrainsAConvolutionalNetworkAndReportsItsWeights() throws IOException {
        CliRun run = CliRun.of("train", "--data", TinyImages.write(dir, 64, 20).toString(), "--conv", "2", "--epochs", "1",
                "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals("[2]", report.get("options").get("conv").toString());
        assertEquals("[32,10]", report.get("options").get("layers").toString());
        JsonNode layers = report.get("epochs").get(1).get("layers");
        assertEquals(2, layers.size());
        assertEquals("layers.0.weight", layers.get(0).get("name").asText());
        assertEquals(18, layers.get(0).get("n").asInt());
        assertEquals("layers.4.weight", layers.get(1).get("name").asText());
    }

    /** 2:5x5/2 on 1x8x8: (8 + 4 − 5) / 2 + 1 = 4, pooled to 2x2x2 = 8 values; the JSON states every option. */
    @Test
    void convTakesKernelStrideAndPadding() throws IOException {
        CliRun run = CliRun.of("train", "--data", TinyImages.write(dir, 64, 20).toString(), "--conv", "2:5x5/2",
                "--epochs", "1", "--threads", "1", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode options = JSON.readTree(run.out()).get("options");
        assertEquals("[8,10]", options.get("layers").toString());
        assertEquals("[{\"channels\":2,\"kernel\":5,\"stride\":2,\"padding\":2}]",
                options.get("convBlocks").toString());
        assertEquals(50, JSON.readTree(run.out()).get("epochs").get(1).get("layers").get(0).get("n").asInt());
    }

    /** An empty --conv is a multilayer perceptron. */
    @Test
    void anEmptyConvIsAMultilayerPerceptron() throws IOException {
        CliRun run = CliRun.of("train", "--conv", "", "--epochs", "0", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode options = JSON.readTree(run.out()).get("options");
        assertEquals("[16,64,4]", options.get("layers").toString());
        assertTrue(options.get("conv") == null, options.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--conv 2 --layers 100,10|the dense layers 100,10 need 100 inputs, but the conv blocks 2 turn 1x8x8 images "
                    + "into 2x4x4 = 32 values",
            "--conv 2,2,2,2|the conv blocks 2,2,2,2 do not fit 1x8x8 images: block 2 makes 1x1 of 2x1x1, too small "
                    + "for the 2x2 pool",
            "--conv 2:9x9p0|the conv blocks 2:9x9p0 do not fit 1x8x8 images: block 2:9x9p0 makes 0x0 of 1x8x8, too "
                    + "small for the 2x2 pool",
            "--conv 2 --layers 32,4|the layers 32,4 end in 4 classes, but the data images has 10 classes",
            "--conv 8,x|--conv: 'x' is not a conv block: expected CHANNELS[:KxK][/STRIDE][pPADDING], e.g. 16 or "
                    + "16:5x5/2 or 16:5x5/2p0",
            "--conv 8:3x5|--conv: '8:3x5': the kernel must be square, not 3x5",
            "--conv 8/0|--conv: a conv block needs positive channels, kernel and stride and a non-negative padding, "
                    + "not 8 channels, kernel 3, stride 0, padding 1",
            "--conv 0|--conv: a conv block needs positive channels, kernel and stride and a non-negative padding, not "
                    + "0 channels, kernel 3, stride 1, padding 1"})
    void convMismatchesAreOneLineAndExitCode2(String arguments, String message) throws IOException {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--data",
                TinyImages.write(dir, 16, 4).toString()));
        args.addAll(java.util.List.of(arguments.split(" ")));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: " + message + NL, run.err());
    }

    @Test
    void convOnRowsWithoutAnImageShapeIsBadInput() {
        CliRun run = CliRun.of("train", "--conv", "4");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: --conv needs image data, but teacher has rows of 16 features without an image shape" + NL,
                run.err());
    }
}
