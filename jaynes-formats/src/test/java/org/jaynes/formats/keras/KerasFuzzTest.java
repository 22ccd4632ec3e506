package org.jaynes.formats.keras;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.jaynes.formats.testing.ReaderContract;

/**
 * Jazzer's fuzz test of the Keras reader (HDF5 files, and .keras archives, told apart by content): whatever the bytes, {@link ReaderContract}. Its inputs, seeds and
 * reproducers, are in {@code src/test/resources/org/jaynes/formats/keras/KerasFuzzTestInputs/fuzz/}; {@code mvn verify}
 * replays them, {@code tools/fuzz.sh keras MINUTES} runs a campaign (docs/design.md §4).
 */
class KerasFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] input) throws IOException {
        ReaderContract.check(new KerasReader(), "model.h5", input);
    }
}
