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
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

class SimulateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NL = System.lineSeparator();
    private static final String GOLDEN = "src/test/resources/golden/f32.safetensors";
    private static final String LOGNORMAL = "encoder.layer.0.lognormal";

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
        "--start gaussian:0 | --start gaussian:SCALE needs a positive number, not 'gaussian:0'",
        "--start gaussian:Infinity | --start gaussian:SCALE needs a positive number, not 'gaussian:Infinity'",
        "--start Uniform | --start must be uniform, gaussian[:SCALE] or file:PATH, not 'Uniform'",
        "--from m.safetensors --layer w --start gaussian: | --start gaussian:SCALE needs a positive number, not "
            + "'gaussian:'",
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

    /** The layer's own lognormal is the default game: the run starts near x* and ends at it. */
    @Test
    void startsFromALayerOfAModel() throws IOException {
        CliRun run = CliRun.of("simulate", "--from", GOLDEN, "--layer", LOGNORMAL, "--agents", "100000", "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonNode report = JSON.readTree(run.out());
        JsonNode from = report.get("from");
        assertEquals(LOGNORMAL, from.get("layer").asText());
        assertEquals(LOGNORMAL + ".weight", from.get("tensor").asText());
        assertEquals(6144, from.get("weights").asLong());
        assertEquals("given", report.get("options").get("start").asText());
        double mu = from.get("mu").asDouble();
        double sigma = from.get("sigma").asDouble();
        assertEquals(mu, report.get("prediction").get("mu").asDouble(), 1e-9, "the game of the layer's lognormal");
        assertEquals(sigma, report.get("prediction").get("sigma").asDouble(), 1e-9);
        assertEquals(mu, report.get("trace").get(0).get("mu").asDouble(), 0.01, "the start is the layer");
        assertEquals(sigma, report.get("trace").get(0).get("sigma").asDouble(), 0.01);
        assertTrue(report.get("trace").get(0).get("arbitrageGap").asDouble() < 0.02, "a lognormal layer starts near x*");
        assertEquals("no-improving-move", report.get("stop").get("reason").asText());
    }

    @Test
    void aLayerByItsStoredNameWithAGivenGameNamesTheLayerInTheTable() {
        CliRun run = CliRun.of("simulate", "--from", GOLDEN, "--layer", "encoder.layer.0.gaussian.weight",
                "--alpha", "-5", "--beta", "0.5", "--agents", "20000");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("game       h = -5 ln w - 0.5 (ln w)^2 - ln M_k" + NL), run.out());
        assertTrue(run.out().contains("layer      encoder.layer.0.gaussian of " + GOLDEN + ": 4,096 non-zero weights"),
                run.out());
        assertTrue(run.out().contains("run        start layer encoder.layer.0.gaussian, seed 1"), run.out());
    }

    @Test
    void anUnknownLayerIsOneLineWithCloseNames() {
        CliRun run = CliRun.of("simulate", "--from", GOLDEN, "--layer", "encoder.layer0.lognormal");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: no layer or tensor named 'encoder.layer0.lognormal' in " + GOLDEN + "; close names: "
                + "encoder.layer.0.lognormal, encoder.layer.0.gaussian, encoder.layer.0.laplace, "
                + "encoder.layer.0.with_zeros, encoder.layer.0.gaussian.bias" + NL, run.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--layer x | --layer needs --from MODEL",
        "--from " + GOLDEN + " | --from needs --layer NAME (see 'jaynes inspect " + GOLDEN + "' for the layers)",
        "--from " + GOLDEN + " --layer " + LOGNORMAL + " --start uniform | --from and --start both set the start; "
            + "give one of them",
        "--json - --html - | only one report can go to standard output, not --json and --html",
    })
    void badLayerOptionsAreOneLineAndExitCode2(String args, String message) {
        CliRun run = CliRun.of(("simulate " + args).split(" "));
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: " + message + NL, run.err());
    }

    @Test
    void aGameWhoseGridMissesTheLayerIsBadInput() {
        CliRun run = CliRun.of("simulate", "--from", GOLDEN, "--layer", LOGNORMAL, "--alpha", "12", "--beta", "2");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: layer encoder.layer.0.lognormal: none of the layer's values lies on the grid 128 bins "
                + "equal in ln w, w from 1 to 403.429 (ln|w| mu = -3.493973, sigma = 0.8917404)" + NL, run.err());
    }

    /** The page: two plots against time and four snapshots (start, two between, final), well-formed XML. */
    @Test
    void htmlPageIsWrittenAndTheTablePrinted() throws IOException {
        Path page = dir.resolve("sim.html");
        CliRun run = CliRun.of("simulate", "--agents", "100000", "--html", page.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("stopped    no improving move"), run.out());
        String html = Files.readString(page);
        Document xml = parse(html);
        assertEquals(2 + 4, xml.getElementsByTagName("svg").getLength());
        assertEquals(6, xml.getElementsByTagName("figure").getLength());
        assertTrue(html.contains("start (sweep 0)") && html.contains("final (sweep "), "snapshot labels");
        assertTrue(html.contains("<dt>stopped</dt><dd>no improving move after"), "the stop reason in the header");
        assertTrue(html.contains("<dt>run</dt><dd>start uniform, seed 1,"), "start and seed in the header");
        assertTrue(!html.contains("http://") && !html.contains("https://"), "nothing fetched");
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(page), listing.toList());
        }
    }

    @Test
    void htmlPageOfALayerSaysWhichLayer() throws IOException {
        CliRun run = CliRun.of("simulate", "--from", GOLDEN, "--layer", LOGNORMAL, "--agents", "50000", "--html", "-");
        assertEquals(0, run.exitCode(), run.err());
        Document xml = parse(run.out());
        assertTrue(xml.getElementsByTagName("svg").getLength() >= 2 + 2, "traces, start and final at least");
        assertTrue(run.out().contains("<dt>layer</dt><dd>encoder.layer.0.lognormal of " + GOLDEN), run.out());
    }

    private static Document parse(String html) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new java.io.ByteArrayInputStream(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException e) {
            throw new AssertionError("not well-formed: " + e.getMessage(), e);
        }
    }

    @Test
    void helpListsExamples() {
        CliRun run = CliRun.of("simulate", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Examples:"));
        assertTrue(run.out().contains("--second-alpha"));
    }
}
