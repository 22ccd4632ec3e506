package org.jaynes.formats.tflite;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.jaynes.formats.testing.ReaderContract;

/**
 * Jazzer's fuzz test of the TFLite reader: whatever the bytes, {@link ReaderContract}. Its inputs, seeds and
 * reproducers, are in {@code src/test/resources/org/jaynes/formats/tflite/TfliteFuzzTestInputs/fuzz/}; {@code mvn verify}
 * replays them, {@code tools/fuzz.sh tflite MINUTES} runs a campaign (docs/design.md §4).
 */
class TfliteFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] input) throws IOException {
        ReaderContract.check(new TfliteReader(), "model.tflite", input);
    }
}
