package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class HopfieldCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The issue's command: every pattern of a load-0.1 network comes back from 10 % noise. */
    @Test
    void theIssuesCommandReportsRecall() throws IOException {
        CliRun run = CliRun.of("hopfield", "--neurons", "200", "--patterns", "20", "--noise", "0.1", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(1.0, report.get("recall").get("recallRate").asDouble());
        assertEquals(0.8, report.get("recall").get("meanStartOverlap").asDouble(), 1e-12);
        assertEquals(20, report.get("probes").size());
        assertEquals("fixed-point", report.get("probes").get(0).get("end").asText());
        assertEquals(run.out(), CliRun.of("hopfield", "--neurons", "200", "--patterns", "20", "--noise", "0.1",
                "--json", "-").out(), "the same seed, the same output");
    }

    @Test
    void theCapacityExperimentReportsCriticalLoads() throws IOException {
        CliRun run = CliRun.of("hopfield", "--capacity", "--sizes", "100", "--loads", "0.05,0.1,0.3", "--trials",
                "20", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(3, report.get("points").size());
        assertEquals(1.0, report.get("points").get(0).get("recallRate").asDouble());
        assertTrue(report.get("criticalLoads").get(0).get("load").asDouble() > 0.1);
        CliRun table = CliRun.of("hopfield", "--capacity", "--sizes", "100", "--loads", "0.05,0.1", "--trials", "10");
        assertTrue(table.out().contains("Hebbian: 0.138"), table.out());
    }

    @Test
    void badOptionsGiveOneLineAndExitCode2() {
        CliRun run = CliRun.of("hopfield", "--storage", "magic");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: --storage: expected hebbian or pseudo-inverse, not 'magic'" + System.lineSeparator(),
                run.err());
        CliRun noise = CliRun.of("hopfield", "--noise", "1.5");
        assertEquals(2, noise.exitCode());
        assertEquals(1, noise.err().lines().count(), noise.err());
    }
}
