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
        assumeTrue(Files.isReadable(Path.of(RbmCommand.FASHION, "train-images-idx3-ubyte.gz")),
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
        CliRun warmer = CliRun.of("boltzmann", "--anneal", "1:2:10");
        assertEquals(2, warmer.exitCode());
        assertEquals("jaynes: --anneal is not a schedule: the schedule needs 0 < final <= initial < infinity, not "
                + "1.0 -> 2.0" + System.lineSeparator(), warmer.err());
        assertEquals(2, CliRun.of("boltzmann", "--save", "x.safetensors").exitCode());
    }

    @Test
    void theHtmlPageOfAnRbmHasItsCurvesFiltersAndWeightMicrostructure() throws IOException {
        Path page = dir.resolve("rbm.html");
        CliRun run = CliRun.of("boltzmann", "--rbm", "--data", "bars-and-stripes", "--hidden", "16", "--epochs", "2",
                "--html", page.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertEquals(3, HopfieldCommandTest.count(page, "svg"), "two learning curves and the ln|w| histogram");
        assertEquals(16, HopfieldCommandTest.count(page, "img"), "one 4 x 4 filter per hidden unit");
        String markup = Files.readString(page);
        assertTrue(markup.contains("Weight microstructure") && markup.contains("lognormal (μ"), "the microstructure");
    }

    @Test
    void atMost64FiltersAreDrawn() throws IOException {
        Path page = dir.resolve("rbm.html");
        CliRun run = CliRun.of("boltzmann", "--rbm", "--data", "bars-and-stripes", "--hidden", "70", "--epochs", "1",
                "--html", page.toString(), "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(64, HopfieldCommandTest.count(page, "img"));
    }

    @Test
    void theHtmlPageOfTheSpinGlassHasTheAnnealingTrace() throws IOException {
        Path page = dir.resolve("glass.html");
        CliRun run = CliRun.of("boltzmann", "--neurons", "30", "--sweeps", "50", "--html", page.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, HopfieldCommandTest.count(page, "svg"));
        CliRun stdout = CliRun.of("boltzmann", "--neurons", "30", "--sweeps", "50", "--html", "-");
        assertEquals(Files.readString(page), stdout.out(), "the page alone on stdout, the same bytes");
    }

    @Test
    void aBadHtmlFolderGivesOneLineAndExitCode2() {
        CliRun run = CliRun.of("boltzmann", "--rbm", "--html", dir.resolve("missing/x.html").toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("jaynes: "), run.err());
    }
}
