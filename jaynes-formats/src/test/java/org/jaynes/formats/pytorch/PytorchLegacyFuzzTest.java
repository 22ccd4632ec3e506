package org.jaynes.formats.pytorch;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.jaynes.formats.testing.ReaderContract;

/**
 * Jazzer's fuzz test of the PyTorch reader on legacy {@code torch.save} files (the pickles, the storage key
 * list and the storages after them): whatever the bytes, {@link ReaderContract}. Its inputs, seeds from the
 * legacy fixtures and reproducers, are in
 * {@code src/test/resources/org/jaynes/formats/pytorch/PytorchLegacyFuzzTestInputs/fuzz/}; {@code mvn verify}
 * replays them, {@code tools/fuzz.sh pytorchLegacy MINUTES} runs a campaign (docs/design.md §4).
 */
class PytorchLegacyFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] input) throws IOException {
        ReaderContract.check(new PytorchReader(), "model.pt", input);
    }
}
