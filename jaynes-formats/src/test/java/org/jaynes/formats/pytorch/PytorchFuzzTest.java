package org.jaynes.formats.pytorch;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.jaynes.formats.testing.ReaderContract;

/**
 * Jazzer's fuzz test of the PyTorch reader (zip checkpoints and legacy pickles): whatever the bytes, {@link ReaderContract}. Its inputs, seeds and
 * reproducers, are in {@code src/test/resources/org/jaynes/formats/pytorch/PytorchFuzzTestInputs/fuzz/}; {@code mvn verify}
 * replays them, {@code tools/fuzz.sh pytorch MINUTES} runs a campaign (docs/design.md §4).
 */
class PytorchFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] input) throws IOException {
        ReaderContract.check(new PytorchReader(), "model.pt", input);
    }
}
