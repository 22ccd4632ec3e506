package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jaynes.core.fit.Family;
import org.jaynes.core.fit.Fit;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.fit.Vuong;
import org.jaynes.core.model.Model;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.onnx.OnnxReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every family fitted to each of the 39 populations of the bundled all-MiniLM-L6-v2, against scipy
 * ({@code tools/make_golden_fits.py}, {@code golden/fits-minilm.json}): the model is read by the ONNX reader,
 * each population streamed through an f32 accumulator in windows, as {@code analyze} does.
 */
class BundledModelFitsTest {

    /** Closed forms and exact sums: a few ulps; sums over placed cells 2^-17 wide: ~1e-8 (observed 5e-9). */
    private static final double RELATIVE = 1e-6;
    /** Iteratively solved shapes and their scales (observed: at most 2e-7, gennorm β). */
    private static final double SOLVED_RELATIVE = 1e-4;
    /** KS: within the reported error bound, plus rounding of the CDFs. */
    private static final double KS_SLACK = 1e-9;
    /**
     * Vuong's z: Σ l_i² and the Weibull ln L are sums at placed midpoints of histogram cells, each value off
     * by up to 2^-18 in ln x; over these layers that leaves up to 3.5e-6 relative in z (observed), so z is
     * held to 5e-6 relative plus 2e-5.
     */
    private static final double VUONG_RELATIVE = 5e-6;
    private static final double VUONG_ABSOLUTE = 2e-5;
    /** Windows of 16 MiB: the embeddings (45 MiB) are read in three. */
    private static final int WINDOW = 1 << 24;

    private static JsonNode golden;
    private static Map<String, FitComparison> fitted;

    @TempDir
    static Path dir;

    @BeforeAll
    static void fitEveryPopulation() throws IOException, ModelFormatException {
        try (InputStream in = BundledModelFitsTest.class.getResourceAsStream("/golden/fits-minilm.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        Path model = dir.resolve("all-minilm-l6-v2.onnx");
        try (InputStream in = BundledModelFitsTest.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            Files.copy(in, model, StandardCopyOption.REPLACE_EXISTING);
        }
        Model read = new OnnxReader().read(model);
        fitted = new LinkedHashMap<>();
        for (Tensor tensor : read.tensors()) {
            if (tensor.dtype().isFloating() && tensor.shape().rank() >= 2 && tensor.elementCount() >= 4096) {
                fitted.put(tensor.storedName(), FitComparison.of(accumulate(tensor).fitInput()));
            }
        }
    }

    private static PopulationAccumulator accumulate(Tensor tensor) throws IOException {
        PopulationAccumulator accumulator = PopulationAccumulator.of(tensor.dtype());
        long length = tensor.data().length();
        for (long offset = 0; offset < length; offset += WINDOW) {
            accumulator.accept(tensor.data().window(offset, (int) Math.min(WINDOW, length - offset)));
        }
        return accumulator;
    }

    @Test
    void theSamePopulationsAsScipy() {
        List<String> expected = new ArrayList<>();
        golden.get("populations").forEach(p -> expected.add(p.get("name").asText()));
        assertEquals(39, expected.size());
        assertEquals(expected, List.copyOf(fitted.keySet()));
    }

    @Test
    void everyFamilyAgreesWithScipyOnEveryPopulation() {
        List<String> problems = new ArrayList<>();
        for (JsonNode population : golden.get("populations")) {
            String name = population.get("name").asText();
            FitComparison comparison = fitted.get(name);
            if (comparison.n() != population.get("n").asLong()) {
                problems.add(name + ": n " + comparison.n() + ", scipy " + population.get("n").asLong());
                continue;
            }
            for (Family family : Family.values()) {
                checkFit(name + " " + family.key(), comparison.fit(family), population.get("fits").get(family.key()),
                        problems);
            }
            for (Family rival : Family.magnitudeFamilies().subList(1, 5)) {
                checkVuong(name + " vuong " + rival.key(), comparison.vuong().get(rival),
                        population.get("vuong").get(rival.key()), problems);
            }
            String best = comparison.best().map(Family::key).orElse("none");
            if (!best.equals(population.get("best").asText())) {
                problems.add(name + ": best " + best + ", scipy " + population.get("best").asText());
            }
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " disagreements:\n" + String.join("\n", problems));
    }

    @Test
    void theWinnersAreThoseScipyFinds() {
        Map<String, Integer> expected = new TreeMap<>();
        for (Family family : Family.magnitudeFamilies()) {
            int wins = golden.get("wins").get(family.key()).asInt();
            if (wins > 0) {
                expected.put(family.key(), wins);
            }
        }
        Map<Family, Integer> wins = new EnumMap<>(Family.class);
        fitted.values().forEach(c -> wins.merge(c.best().orElseThrow(), 1, Integer::sum));
        Map<String, Integer> actual = new TreeMap<>();
        wins.forEach((family, count) -> actual.put(family.key(), count));
        assertEquals(expected, actual);
    }

    private static void checkFit(String where, Fit fit, JsonNode golden, List<String> problems) {
        boolean solved = fit.family() == Family.WEIBULL || fit.family() == Family.GAMMA || fit.family() == Family.GENNORM;
        for (String parameter : fit.family().parameterNames()) {
            relative(where + " " + parameter, golden.get("parameters").get(parameter).asDouble(),
                    fit.parameters().get(parameter), solved ? SOLVED_RELATIVE : RELATIVE, problems);
        }
        relative(where + " logLikelihood", golden.get("logLikelihood").asDouble(), fit.logLikelihood(), RELATIVE, problems);
        relative(where + " aic", golden.get("aic").asDouble(), fit.aic(), RELATIVE, problems);
        relative(where + " bic", golden.get("bic").asDouble(), fit.bic(), RELATIVE, problems);
        double ks = golden.get("ks").asDouble();
        if (!(Math.abs(fit.ks() - ks) <= fit.ksErrorBound() + KS_SLACK)) {
            problems.add(String.format(Locale.ROOT, "%s ks: scipy %.17g, jaynes %.17g ± %.3g", where, ks, fit.ks(),
                    fit.ksErrorBound()));
        }
    }

    private static void checkVuong(String where, Vuong vuong, JsonNode golden, List<String> problems) {
        double z = golden.get("z").asDouble();
        double allowed = VUONG_RELATIVE * Math.abs(z) + VUONG_ABSOLUTE;
        if (!(Math.abs(vuong.z() - z) <= allowed)) {
            problems.add(String.format(Locale.ROOT, "%s z: scipy %.17g, jaynes %.17g", where, z, vuong.z()));
        }
        // p = erfc(|z|/√2) moves by 2φ(z)·Δz; a factor 2 covers the curvature over Δz
        double p = golden.get("p").asDouble();
        double allowedP = 4 * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) * allowed;
        if (!(Math.abs(vuong.p() - p) <= allowedP)) {
            problems.add(String.format(Locale.ROOT, "%s p: scipy %.17g, jaynes %.17g", where, p, vuong.p()));
        }
    }

    private static void relative(String where, double expected, double actual, double tolerance, List<String> problems) {
        if (!(Math.abs(actual - expected) <= tolerance * Math.abs(expected))) {
            problems.add(String.format(Locale.ROOT, "%s: scipy %.17g, jaynes %.17g (relative %.3g)", where, expected,
                    actual, Math.abs(actual - expected) / Math.abs(expected)));
        }
    }
}
