package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

class HopfieldCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Parses the page as XML (it is written XHTML-compatible) and counts elements by local name. */
    static int count(Path page, String element) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(page.toFile()).getElementsByTagName(element).getLength();
        } catch (ParserConfigurationException | SAXException e) {
            throw new AssertionError("not well-formed: " + page + ": " + e.getMessage(), e);
        }
    }

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

    @Test
    void theHtmlPageOfARecallHasTheEnergyTraces() throws IOException {
        Path page = dir.resolve("recall.html");
        CliRun run = CliRun.of("hopfield", "--neurons", "100", "--patterns", "5", "--html", page.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("recalled"), "the table still goes to stdout");
        assertEquals(1, count(page, "svg"), "one plot of the traces");
        assertTrue(Files.readString(page).contains("Energy traces"));
    }

    @Test
    void theHtmlPageOfTheCapacityExperimentHasTheCurve() throws IOException {
        Path page = dir.resolve("capacity.html");
        CliRun run = CliRun.of("hopfield", "--capacity", "--sizes", "100", "--loads", "0.05,0.3", "--trials", "5",
                "--html", page.toString(), "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JSON.readTree(run.out());
        assertEquals(1, count(page, "svg"));
        assertTrue(Files.readString(page).contains("N = 100"));
    }

    @Test
    void aBadHtmlFolderIsRefusedBeforeAnyWork() {
        CliRun run = CliRun.of("hopfield", "--html", dir.resolve("no/such/folder/page.html").toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("jaynes: "), run.err());
        CliRun both = CliRun.of("hopfield", "--html", "-", "--json", "-");
        assertEquals(2, both.exitCode());
        assertEquals("jaynes: only one report can go to standard output, not --json and --html"
                + System.lineSeparator(), both.err());
    }
}
