package org.jaynes.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JsonOutputTest {

    @Test
    void writesTheToolAndNonFiniteNumbersAsNull() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JsonOutput.open(out)) {
            json.writeStartObject();
            JsonOutput.tool(json, "1.2.3");
            JsonOutput.number(json, "finite", 0.5);
            JsonOutput.number(json, "nan", Double.NaN);
            JsonOutput.number(json, "infinite", Double.NEGATIVE_INFINITY);
            json.writeEndObject();
        }
        assertEquals("{\"tool\":{\"name\":\"jaynes\",\"version\":\"1.2.3\"},\"finite\":0.5,\"nan\":null,"
                + "\"infinite\":null}", out.toString().replaceAll("\\s", ""));
    }

    @Test
    void leavesItsTargetOpen() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JsonOutput.open(out)) {
            json.writeStartObject();
            json.writeEndObject();
        }
        out.write("after");
        assertEquals("{ }after", out.toString());
    }
}
