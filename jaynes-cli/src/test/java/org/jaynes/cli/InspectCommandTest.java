package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InspectCommandTest {

    @Test
    void listsEveryTensorWithTotals() throws Exception {
        CliRun run = CliRun.of("inspect", golden("f32.safetensors"));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("model  "), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("total ")), run.out());
    }

    @Test
    void jsonListsTensorsWithStoredAndLayerNames() throws Exception {
        CliRun run = CliRun.of("inspect", golden("f32.safetensors"), "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode listing = new ObjectMapper().readTree(run.out());
        assertEquals("safetensors", listing.get("model").get("format").asText());
        long parameters = 0;
        for (JsonNode tensor : listing.get("tensors")) {
            parameters += tensor.get("parameters").asLong();
            assertTrue(tensor.get("tensor").asText().startsWith(tensor.get("name").asText()));
        }
        assertEquals(listing.get("model").get("parameters").asLong(), parameters);
    }

    @Test
    void aMissingModelIsOneLineAndExitCode2() {
        CliRun run = CliRun.of("inspect", "/no/such/model.gguf");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("jaynes: /no/such/model.gguf: no such file or folder" + System.lineSeparator(), run.err());
    }

    private static String golden(String name) throws URISyntaxException {
        return Path.of(InspectCommandTest.class.getResource("/golden/" + name).toURI()).toString();
    }
}
