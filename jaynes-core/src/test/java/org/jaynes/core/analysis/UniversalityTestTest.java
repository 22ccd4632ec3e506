package org.jaynes.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-way ANOVA of σ by model against scipy.stats.f_oneway (golden/anova.json, tools/survey_golden.py). */
class UniversalityTestTest {

    @Test
    void fAndPMatchScipy() throws Exception {
        JsonNode golden = new ObjectMapper().readTree(Path.of("src/test/resources/golden/anova.json").toFile());
        for (JsonNode c : golden.path("cases")) {
            UniversalityTest test = new UniversalityTest();
            for (int g = 0; g < c.path("groups").size(); g++) {
                for (JsonNode sigma : c.path("groups").get(g)) {
                    test.add("attention", "model" + g, sigma.asDouble());
                }
            }
            UniversalityTest.RoleResult result = test.results().get(0);
            String name = c.path("name").asText();
            assertEquals(c.path("f").asDouble(), result.f(), 1e-10 * c.path("f").asDouble(), name);
            assertEquals(c.path("p").asDouble(), result.p(), 1e-9 * c.path("p").asDouble() + 1e-15, name);
            assertEquals(c.path("betweenSpread").asDouble(), result.betweenSpread(), 1e-12, name);
            assertEquals(c.path("withinSpread").asDouble(), result.withinSpread(), 1e-12, name);
            assertEquals(c.path("groups").size(), result.models(), name);
        }
    }

    @Test
    void rolesAreTestedApartAndOneModelIsNotTestable() {
        UniversalityTest test = new UniversalityTest();
        test.add("attention", "a", 1.1);
        test.add("attention", "a", 1.2);
        test.add("mlp", "a", 1.0);
        test.add("mlp", "b", 1.05);
        test.add("mlp", "b", 1.1);
        test.add("mlp", "b", Double.NaN);
        List<UniversalityTest.RoleResult> results = test.results();
        assertEquals(List.of("attention", "mlp"), results.stream().map(UniversalityTest.RoleResult::role).toList());
        assertTrue(Double.isNaN(results.get(0).f()));
        assertTrue(results.get(0).sentence().contains("not testable over 1 models"), results.get(0).sentence());
        assertEquals(3, results.get(1).layers());
        assertTrue(results.get(1).sentence().startsWith("sigma of mlp layers: between-model spread"),
                results.get(1).sentence());
    }
}
