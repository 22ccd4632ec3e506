package org.jaynes.capture.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelFileTest {

    @TempDir
    Path temp;

    @Test
    void initializerBytesAreViewsOfTheMappedFileNotHeapCopies() throws Exception {
        ModelProto model = OnnxModelFile.parse(TestModels.miniLm(temp));
        TensorProto embeddings = model.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals("embeddings.word_embeddings.weight")).findFirst().orElseThrow();
        assertEquals(30522L * 384 * Float.BYTES, embeddings.getRawData().size());
        assertTrue(embeddings.getRawData().asReadOnlyByteBuffer().isDirect(), "aliases the mapping");
        assertFalse(OnnxModelFile.hasExternalData(model));
    }

    @Test
    void externalDataIsRecognised() throws Exception {
        assertTrue(OnnxModelFile.hasExternalData(
                OnnxModelFile.parse(TestModels.copy("onnx/capture-external.onnx", temp))));
    }

    @Test
    void messagesAreFoldedOntoOneLine() {
        assertEquals("a b c", OnnxModelFile.oneLine(" a\n  b\r\nc \n"));
    }
}
