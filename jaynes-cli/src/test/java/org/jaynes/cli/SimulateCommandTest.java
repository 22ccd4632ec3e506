package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    /** The issue's command: runs in seconds and reports the trace and the final fit. */
    @Test
    void theIssuesCommandReportsTheTraceAndTheFinalFit() throws IOException {
        CliRun run = CliRun.of("simulate", "--agents", "1000000", "--alpha", "12", "--beta", "2", "--seed", "1",
                "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonNode report = JSON.readTree(run.out());
        for (String key : List.of("tool", "game", "options", "conventions", "prediction", "equilibrium", "trace",
                "stop", "final", "bins")) {
            assertTrue(report.has(key), key);
        }
        assertEquals("no-improving-move", report.get("stop").get("reason").asText());
        assertEquals(3, report.get("prediction").get("mu").asDouble(), 1e-12);
        assertEquals(3, report.get("final").get("mu").asDouble(), 1e-3);
        assertEquals(0.5, report.get("final").get("sigma").asDouble(), 1e-3);
        JsonNode trace = report.get("trace");
        assertTrue(trace.size() > 5);
        assertEquals(0, trace.get(0).get("time").asDouble());
        assertEquals(128, report.get("bins").size());
        assertEquals(1_000_000, report.get("options").get("agents").asLong());
    }

    @Test
    void theSameSeedGivesTheSameOutputBitForBit() {
        String[] args = {"simulate", "--agents", "50000", "--seed", "7", "--shock", "20:0.3", "--json", "-"};
        CliRun first = CliRun.of(args);
        CliRun second = CliRun.of(args);
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(first.out(), second.out());
        args[4] = "8";
        assertTrue(!first.out().equals(CliRun.of(args).out()), "another seed, another run");
    }

    @Test
    void theTableDoesNotDependOnTheLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            CliRun german = CliRun.of("simulate", "--agents", "20000", "--dynamics", "replicator");
            Locale.setDefault(Locale.US);
            CliRun american = CliRun.of("simulate", "--agents", "20000", "--dynamics", "replicator");
            assertEquals(american.out(), german.out());
            assertTrue(german.out().contains("stopped    gap below tolerance"), german.out());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void experimentsRun() throws IOException {
        Path weights = dir.resolve("start.txt");
        StringBuilder text = new StringBuilder("# one weight per bin\n");
        for (int k = 0; k < 128; k++) {
            text.append(k % 7).append(k % 10 == 9 ? "\n" : " ");
        }
        Files.writeString(weights, text);
        for (String[] args : List.of(
                new String[] {"--second-alpha", "8", "--second-share", "0.3", "--agents", "100000"},
                new String[] {"--budget", "1e6", "--agents", "100000"},
                new String[] {"--start", "gaussian:5", "--dynamics", "best-response", "--agents", "100000"},
                new String[] {"--start", "file:" + weights, "--dynamics", "logit", "--temperature", "0.05",
                    "--agents", "20000", "--sweeps", "5"})) {
            String[] all = new String[args.length + 3];
            all[0] = "simulate";
            System.arraycopy(args, 0, all, 1, args.length);
            all[args.length + 1] = "--json";
            all[args.length + 2] = "-";
            CliRun run = CliRun.of(all);
            assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.err());
            JsonNode report = JSON.readTree(run.out());
            assertTrue(report.get("final").get("arbitrageGap").asDouble() < 0.05, String.join(" ", args));
        }
    }

    @Test
    void jsonFileIsWrittenAndTheTablePrinted() throws IOException {
        Path out = dir.resolve("sim.json");
        CliRun run = CliRun.of("simulate", "--agents", "10000", "--json", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("stopped    no improving move"), run.out());
        assertEquals(10000, JSON.readTree(out.toFile()).get("options").get("agents").asLong());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(out), listing.toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--dynamics annealing | --dynamics: expected one of better-response, best-response, logit, replicator, "
            + "not 'annealing'",
        "--temperature 0.1 | --temperature applies to --dynamics logit only",
        "--dynamics logit --temperature 0 | --temperature must be positive and finite, not 0.0",
        "--dynamics replicator --step 2 | --step must be in (0, 1], not 2.0",
        "--start triangle | --start must be uniform, gaussian[:SCALE] or file:PATH, not 'triangle'",
        "--start gaussian:x | --start gaussian:SCALE needs a positive number, not 'gaussian:x'",
        "--shock 10 | --shock must be SWEEP:FRACTION, e.g. 30:0.5, not '10'",
        "--shock 10:2 | --shock needs SWEEP >= 1 and 0 < FRACTION <= 1, not '10:2'",
        "--shock 50:0.5 --sweeps 20 | --shock after 50 sweeps comes too late for the sweep limit of 20",
        "--second-share 0.2 | --second-share needs --second-alpha",
        "--second-alpha 8 --second-share 1 | --second-share must be between 0 and 1, not 1.0",
        "--budget 1 | a budget of 1.00000e-06 per agent cannot be spent on strengths from 1.00000 to 403.429",
        "--sweeps 0 | --sweeps must be at least 1, not 0",
        "--agents 3 --second-alpha 8 --second-share 0.1 | --second-share 0.1 of 3 agents leaves a kind with no agent",
    })
    void badInputIsOneLineAndExitCode2(String args, String message) {
        CliRun run = CliRun.of(("simulate " + args).split(" "));
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: " + message + NL, run.err());
    }

    @Test
    void aGaussianStartWithNoMassOnTheGridIsBadInput() {
        CliRun run = CliRun.of("simulate", "--start", "gaussian:1e-300");
        assertEquals(2, run.exitCode());
        assertEquals("jaynes: --start gaussian:1e-300: |N(0, 1.0E-300^2)| puts no mass on the grid 128 bins equal in "
                + "ln w, w from 1 to 403.429" + NL, run.err());
    }

    @Test
    void aBadStartFileNamesTheFileAndTheLine() throws IOException {
        Path weights = dir.resolve("w.txt");
        Files.writeString(weights, "1 2 3\n4 -5\n");
        CliRun run = CliRun.of("simulate", "--start", "file:" + weights);
        assertEquals(2, run.exitCode());
        assertEquals("jaynes: " + weights + ": line 2: '-5' is not a non-negative number" + NL, run.err());
        Files.writeString(weights, "1 2 3\n");
        run = CliRun.of("simulate", "--start", "file:" + weights);
        assertEquals("jaynes: " + weights + ": expected 128 starting weights, one per bin, not 3" + NL, run.err());
        run = CliRun.of("simulate", "--start", "file:" + dir.resolve("none.txt"));
        assertEquals("jaynes: " + dir.resolve("none.txt") + ": no such file" + NL, run.err());
    }

    @Test
    void helpListsExamples() {
        CliRun run = CliRun.of("simulate", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Examples:"));
        assertTrue(run.out().contains("--second-alpha"));
    }
}
