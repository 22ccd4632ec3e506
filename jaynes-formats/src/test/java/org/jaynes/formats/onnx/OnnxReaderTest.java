package org.jaynes.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxReaderTest {

    @TempDir
    Path folder;

    private static ByteBuffer head(byte[] bytes) {
        return ByteBuffer.wrap(Arrays.copyOf(bytes, Math.min(64, bytes.length)));
    }

    @Test
    void recognisesOnnxByNameOrByItsFirstFields() throws Exception {
        OnnxReader reader = new OnnxReader();
        byte[] fixture = Files.readAllBytes(OnnxFixturesTest.fixture("raw_dtypes.onnx"));
        assertTrue(reader.recognizes(Path.of("model.onnx"), ByteBuffer.allocate(0)));
        assertTrue(reader.recognizes(Path.of("MODEL.ONNX"), ByteBuffer.allocate(0)));
        assertTrue(reader.recognizes(Path.of("model.bin"), head(fixture)));
        assertFalse(reader.recognizes(Path.of("model.bin"), head("{\"__metadata__\":{}}".getBytes(StandardCharsets.UTF_8))));
        assertFalse(reader.recognizes(Path.of("model.bin"), head(new byte[] {0x08, 0x08, 0x00, 0x01})));
        assertFalse(reader.recognizes(Path.of("model.bin"), head(new byte[] {0x08})));
    }

    @Test
    void skipsSparseInitializersAndEmptyTensorsOfUnsupportedTypes() throws Exception {
        ProtoBytes dense = new ProtoBytes().varint(1, 2).varint(2, 1).string(8, "dense.weight").bytes(9, new byte[8]);
        ProtoBytes sparse = new ProtoBytes().message(1, new ProtoBytes().varint(1, 1).varint(2, 1).string(8, "values"));
        ProtoBytes emptyStrings = new ProtoBytes().varint(1, 0).varint(2, 8).string(8, "labels");
        ProtoBytes graph = ProtoBytes.graphOf(dense, emptyStrings).message(15, sparse);
        Path file = folder.resolve("sparse.onnx");
        Files.write(file, ProtoBytes.model(graph).toByteArray());

        Model model = new OnnxReader().read(file);
        assertEquals(List.of("dense"), model.tensors().stream().map(Tensor::name).toList());
        assertEquals(file.toString(), model.path());
    }

    @Test
    void readsConstantNodesAndTheirOutputNames() throws Exception {
        ProtoBytes value = new ProtoBytes().varint(2, 1).string(8, "ignored").bytes(9, new byte[4]);
        ProtoBytes constant = new ProtoBytes().string(2, "/block/Constant_output_0").string(3, "/block/Constant")
                .string(4, "Constant").message(5, new ProtoBytes().string(1, "value").message(5, value));
        ProtoBytes user = new ProtoBytes().string(1, "x").string(1, "/block/Constant_output_0").string(3, "/block/Div")
                .string(4, "Div");
        ProtoBytes graph = new ProtoBytes().message(1, constant).message(1, user);
        Path file = folder.resolve("constant.onnx");
        Files.write(file, ProtoBytes.model(graph).toByteArray());

        Tensor tensor = new OnnxReader().read(file).tensors().get(0);
        assertEquals("/block/Constant_output_0", tensor.storedName());
        assertEquals("block", tensor.name());
        assertEquals(0, tensor.shape().rank());
    }
}
