package org.jaynes.formats.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A string weight's bytes are stepped over length by length; the lengths are read a window at a time (a
 * weight of ten million empty strings took minutes when each length was a read of its own). The weight
 * after them must start where the strings end, whichever windows their lengths straddle.
 */
class TfjsStringWeightsTest {

    @TempDir
    Path folder;

    @Test
    void theWeightAfterManyStringsStartsWhereTheyEnd() throws Exception {
        int strings = 50_000;
        ByteBuffer shard = ByteBuffer.allocate(4 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < strings; i++) {
            int length = i % 1_000 == 999 ? 70_000 - 4 : i % 7; // some strings jump past a 64 KiB window
            shard.putInt(length).position(shard.position() + length);
        }
        shard.putFloat(1.5f).putFloat(-2.5f);
        Files.write(folder.resolve("s.bin"), java.util.Arrays.copyOf(shard.array(), shard.position()));
        Path json = Files.writeString(folder.resolve("model.json"), "{\"weightsManifest\": [{\"paths\": [\"s.bin\"], "
                + "\"weights\": [{\"name\": \"vocab\", \"shape\": [" + strings + "], \"dtype\": \"string\"}, "
                + "{\"name\": \"w\", \"shape\": [2], \"dtype\": \"float32\"}]}]}", StandardCharsets.UTF_8);
        List<Tensor> tensors = new TfjsReader().read(json).tensors();
        assertEquals(List.of("w"), tensors.stream().map(Tensor::storedName).toList());
        ByteBuffer values = ByteBuffer.wrap(TensorValues.bytes(tensors.get(0))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5f, values.getFloat(0));
        assertEquals(-2.5f, values.getFloat(4));
    }
}
