package org.jaynes.formats.onnx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.jaynes.formats.testing.ReaderContract;

/**
 * Jazzer's fuzz test of the ONNX reader, beside the external data file of a fixture: whatever the bytes, {@link ReaderContract}. Its inputs, seeds and
 * reproducers, are in {@code src/test/resources/org/jaynes/formats/onnx/OnnxFuzzTestInputs/fuzz/}; {@code mvn verify}
 * replays them, {@code tools/fuzz.sh onnx MINUTES} runs a campaign (docs/design.md §4).
 */
class OnnxFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] input) throws IOException {
        ReaderContract.check(new OnnxReader(), "model.onnx", input, "onnx/external_data.bin");
    }
}
