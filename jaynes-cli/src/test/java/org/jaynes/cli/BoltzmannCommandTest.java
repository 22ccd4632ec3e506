package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoltzmannCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static void assertFalling(JsonNode epochs) {
        double first = epochs.get(0).get("reconstructionError").asDouble();
        double last = epochs.get(epochs.size() - 1).get("reconstructionError").asDouble();
        assertTrue(last < first, "reconstruction error " + first + " -> " + last);
        assertTrue(epochs.get(1).get("reconstructionError").asDouble() < first);
    }

    @Test
    void anRbmOnBarsAndStripesReportsFallingReconstructionErrorAndSavesItsWeights() throws IOException {
        Path weights = dir.resolve("rbm.safetensors");
        CliRun run = CliRun.of("boltzmann", "--rbm", "--data", "bars-and-stripes", "--hidden", "16", "--epochs", "5",
                "--learning-rate", "0.1", "--batch", "10",
                "--save", weights.toString(), "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(6, report.get("epochs").size());
        assertEquals("CD-1", report.get("options").get("method").asText());
        assertFalling(report.get("epochs"));
        assertTrue(Files.size(weights) > 16 * 16 * 4);
        CliRun analysed = CliRun.of("analyze", weights.toString(), "--min-elements", "16");
        assertEquals(0, analysed.exitCode(), analysed.err());
        assertTrue(analysed.out().contains("rbm"), analysed.out());
    }

    /** The issue's command, on Fashion-MNIST when the Debian package is installed (a 2,000-image subset). */
    @Test
    void theIssuesCommandOnFashionMnist() throws IOException {
        assumeTrue(Files.isReadable(Path.of(BoltzmannCommand.FASHION, "train-images-idx3-ubyte.gz")),
                "dataset-fashion-mnist is not installed");
        CliRun run = CliRun.of("boltzmann", "--rbm", "--hidden", "64", "--epochs", "5", "--samples", "2000",
                "--evaluation", "200", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(784, report.get("options").get("visible").asInt());
        assertFalling(report.get("epochs"));
    }

    @Test
    void persistentCdAndTheSpinGlassRun() throws IOException {
        CliRun pcd = CliRun.of("boltzmann", "--rbm", "--data", "bars-and-stripes", "--hidden", "8", "--epochs", "2",
                "--persistent", "--k", "3", "--json", "-");
        assertEquals(0, pcd.exitCode(), pcd.err());
        assertEquals("PCD-3", JSON.readTree(pcd.out()).get("options").get("method").asText());
        CliRun glass = CliRun.of("boltzmann", "--neurons", "50", "--sweeps", "200", "--json", "-");
        assertEquals(0, glass.exitCode(), glass.err());
        JsonNode report = JSON.readTree(glass.out());
        assertEquals("fixed-point", report.get("annealing").get("end").asText());
        assertEquals(glass.out(), CliRun.of("boltzmann", "--neurons", "50", "--sweeps", "200", "--json", "-").out());
    }

    @Test
    void badOptionsGiveOneLineAndExitCode2() {
        CliRun run = CliRun.of("boltzmann", "--rbm", "--data", "cifar");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: --data must be auto, fashion-mnist or bars-and-stripes, not 'cifar'"
                + System.lineSeparator(), run.err());
        assertEquals(2, CliRun.of("boltzmann", "--anneal", "1:2").exitCode());
        assertEquals(2, CliRun.of("boltzmann", "--save", "x.safetensors").exitCode());
    }
}
