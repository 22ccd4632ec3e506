package org.jaynes.formats.gguf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.jaynes.formats.testing.ReaderContract;

/**
 * Jazzer's fuzz test of the GGUF reader: whatever the bytes, {@link ReaderContract}. Its inputs, seeds and
 * reproducers, are in {@code src/test/resources/org/jaynes/formats/gguf/GgufFuzzTestInputs/fuzz/}; {@code mvn verify}
 * replays them, {@code tools/fuzz.sh gguf MINUTES} runs a campaign (docs/design.md §4).
 */
class GgufFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] input) throws IOException {
        ReaderContract.check(new GgufReader(), "model.gguf", input);
    }
}
