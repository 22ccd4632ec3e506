package org.jaynes.formats.tfjs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.jaynes.formats.testing.ReaderContract;

/**
 * Jazzer's fuzz test of the TF.js reader on a model.json, beside the shard of the layers fixture: whatever the bytes, {@link ReaderContract}. Its inputs, seeds and
 * reproducers, are in {@code src/test/resources/org/jaynes/formats/tfjs/TfjsFuzzTestInputs/fuzz/}; {@code mvn verify}
 * replays them, {@code tools/fuzz.sh tfjs MINUTES} runs a campaign (docs/design.md §4).
 */
class TfjsFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] input) throws IOException {
        ReaderContract.check(new TfjsReader(), "model.json", input, "tfjs/layers/group1-shard1of1.bin");
    }
}
