package org.jaynes.formats.safetensors;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.jaynes.formats.testing.ReaderContract;

/**
 * Jazzer's fuzz test of the safetensors reader on an index, beside the two shards of the sharded fixture: whatever the bytes, {@link ReaderContract}. Its inputs, seeds and
 * reproducers, are in {@code src/test/resources/org/jaynes/formats/safetensors/SafetensorsIndexFuzzTestInputs/fuzz/}; {@code mvn verify}
 * replays them, {@code tools/fuzz.sh safetensorsIndex MINUTES} runs a campaign (docs/design.md §4).
 */
class SafetensorsIndexFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] input) throws IOException {
        ReaderContract.check(new SafetensorsReader(), "model.safetensors.index.json", input, "safetensors/sharded/model-00001-of-00002.safetensors", "safetensors/sharded/model-00002-of-00002.safetensors");
    }
}
