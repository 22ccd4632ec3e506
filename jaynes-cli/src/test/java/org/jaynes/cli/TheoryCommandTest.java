package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TheoryCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    @Test
    void theDesignExamplePrintsTheLognormalAndTheInverseMap() {
        CliRun run = CliRun.of("theory", "--alpha", "12", "--beta", "0.4");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("h = 12 ln w - 0.4 (ln w)^2 - ln M_k, bins equal in ln w"), run.out());
        assertTrue(run.out().contains("mu = 15, sigma = 1.118034"), run.out());
        assertTrue(run.out().contains("alpha = mu/sigma^2 = 12 (bins equal in ln w), mu/sigma^2 - 1 = 11"), run.out());
        assertTrue(run.out().contains("with bins equal in w: mu = 16.25"), run.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"log, 3, 0.5, 12, 2", "linear, 3.25, 0.5, 12, 2"})
    void jsonRoundTripsBetweenGameAndLognormal(String convention, double mu, double sigma, double alpha, double beta)
            throws IOException {
        JsonNode fromGame = JSON.readTree(CliRun.of("theory", "--alpha", "" + alpha, "--beta", "" + beta,
                "--bin-convention", convention, "--json", "-").out());
        assertEquals(mu, fromGame.get("lognormal").get("mu").asDouble(), 1e-12);
        assertEquals(sigma, fromGame.get("lognormal").get("sigma").asDouble(), 1e-12);
        assertEquals(convention, fromGame.get("game").get("binConvention").asText());
        JsonNode fromLognormal = JSON.readTree(CliRun.of("theory", "--mu", "" + mu, "--sigma", "" + sigma,
                "--bin-convention", convention, "--json", "-").out());
        assertEquals(alpha, fromLognormal.get("game").get("alpha").asDouble(), 1e-12);
        assertEquals(beta, fromLognormal.get("game").get("beta").asDouble(), 1e-12);
        JsonNode grid = fromGame.get("grid");
        assertEquals(grid.get("continuumPotential").asDouble(), grid.get("potential").asDouble(), 1e-3);
        assertEquals(grid.get("potential").asDouble() - Math.log(1e6), grid.get("equilibriumUtility").asDouble(), 1e-9);
        assertEquals(mu, grid.get("mu").asDouble(), 1e-3);
        for (String key : List.of("tool", "game", "lognormal", "inverse", "grid", "conventions")) {
            assertTrue(fromGame.has(key), key);
        }
    }

    @Test
    void jsonFileIsWrittenAtomically() throws IOException {
        Path out = dir.resolve("t.json");
        CliRun run = CliRun.of("theory", "--json", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(12, JSON.readTree(out.toFile()).get("game").get("alpha").asDouble());
        assertTrue(run.out().startsWith("game "), "the table still goes to stdout");
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(out), listing.toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--alpha 1 --mu 2 --sigma 1 | give the game as --alpha and --beta or as --mu and --sigma, not both",
        "--mu 2 | --mu needs --sigma",
        "--beta -1 | --alpha must be finite and --beta positive and finite, not 12.0 and -1.0",
        "--mu 1 --sigma 0 | --mu must be finite and --sigma positive and finite, not 1.0 and 0.0",
        "--bins 1 | --bins must be at least 2, not 1",
        "--range 5 | --range must be WMIN:WMAX, two numbers, not '5'",
        "--range 5:1 | --range needs 0 < WMIN < WMAX, not '5:1'",
        "--agents 0 | --agents must be from 1 to 2^62, not 0",
    })
    void badInputIsOneLineAndExitCode2(String args, String message) {
        String[] words = ("theory " + args).split(" ");
        CliRun run = CliRun.of(words);
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: " + message + NL, run.err());
    }

    @Test
    void helpListsExamples() {
        CliRun run = CliRun.of("theory", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Examples:"));
        assertTrue(run.out().contains("--bin-convention"));
    }
}
