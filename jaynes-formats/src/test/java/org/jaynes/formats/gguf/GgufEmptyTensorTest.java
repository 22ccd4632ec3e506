package org.jaynes.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jaynes.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file of empty tensors may end before its data section starts (the header is not padded to the
 * alignment): its tensors read as no bytes, where their region used to map a window past the file's end
 * and fail (found by fuzzing: {@code GgufFuzzTestInputs/fuzz/crash-19f1...}).
 */
class GgufEmptyTensorTest {

    private static final int F32 = 0;

    @TempDir
    Path folder;

    @Test
    void anEmptyTensorReadsAsNoBytesWhenTheDataSectionStartsPastTheEnd() throws Exception {
        byte[] bytes = GgufBytes.header(3, 1, 0).tensor("empty.weight", F32, 0, 0, 4).toByteArray();
        Path file = Files.write(folder.resolve("empty.gguf"), bytes);
        GgufHeader header = GgufHeader.read(file);
        assertTrue(header.dataStart() > bytes.length, "the data section would start past the end");
        List<Tensor> tensors = new GgufReader().read(file).tensors();
        assertEquals(1, tensors.size());
        assertEquals(0, tensors.get(0).data().length());
        assertEquals(0, tensors.get(0).data().window(0, 0).remaining());
    }
}
