package org.jaynes.capture.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaynes.formats.ModelFormatException;

/**
 * The encodings made by HuggingFace tokenizers (tools/make_golden_tokens.py), one line per text: ids,
 * type ids, attention mask and tokens, tab-separated; lines starting with # are comments. Also opens
 * the bundled model's tokenizer.json from the langchain4j jar on the test class path.
 */
final class GoldenEncodings {

    static final String MINILM_TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";

    private GoldenEncodings() {
    }

    static WordPieceTokenizer minilm() throws IOException, ModelFormatException {
        try (InputStream in = GoldenEncodings.class.getResourceAsStream(MINILM_TOKENIZER)) {
            if (in == null) {
                throw new IllegalStateException("no " + MINILM_TOKENIZER + " on the test class path");
            }
            return WordPieceTokenizer.read(in, "all-minilm-l6-v2-tokenizer.json");
        }
    }

    static List<Encoding> read(String resource) throws IOException {
        List<Encoding> encodings = new ArrayList<>();
        try (InputStream in = GoldenEncodings.class.getResourceAsStream(resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                encodings.add(new Encoding(numbers(fields[0]), numbers(fields[1]), numbers(fields[2]),
                        Arrays.asList(fields[3].split(" "))));
            }
        }
        return encodings;
    }

    private static int[] numbers(String field) {
        return Arrays.stream(field.split(" ")).mapToInt(Integer::parseInt).toArray();
    }
}
